package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.DeliveryListener;
import io.jenkins.plugins.kargo.events.EventSink;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * Engine events on standard error, so standard output stays clean for scripts ({@code -o json | jq}). Of the
 * delivery events it shows only the approval a verification waits for, with the commands that decide it: the others
 * come as engine events already.
 */
final class ConsoleEvents implements EventSink, DeliveryListener {

    private final PrintWriter err;

    ConsoleEvents(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void info(String message) {
        err.println(message);
        err.flush();
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + message);
        err.flush();
    }

    @Override
    public void progress(String what, long done, long total) {
        err.println(total > 0 ? "[" + done + "/" + total + "] " + what : what);
        err.flush();
    }

    @Override
    public void on(DeliveryEvent event) {
        if (event.type() == DeliveryEvent.Type.APPROVAL_NEEDED) {
            // a collection of several origins is decided by any one of its Freight
            decisionNeeded(event.project(), event.stage(), event.subject(), event.freight().get(0).name(),
                    event.freight().stream().map(DeliveryEvent.Freight::alias).filter(a -> !a.isEmpty())
                            .collect(Collectors.joining(",")));
        }
    }

    /** Says that the verification waits for a person's decision on the Freight, with the commands that decide it. */
    void decisionNeeded(String project, String stage, String verification, String freight, String freightAlias) {
        String decide = " --freight " + freight + " --stage " + stage + (project.isEmpty() ? "" : " --project " + project);
        info("verification/" + verification + " of Freight " + freightAlias + " in stage " + stage
                + " waits for a person's decision:\n  approve: kargo approve" + decide
                + "\n  reject:  kargo reject" + decide);
    }
}
