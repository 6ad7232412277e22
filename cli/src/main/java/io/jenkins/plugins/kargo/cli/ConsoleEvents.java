package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.events.EventSink;
import java.io.PrintWriter;

/** Engine events on standard error, so standard output stays clean for scripts ({@code -o json | jq}). */
final class ConsoleEvents implements EventSink {

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
}
