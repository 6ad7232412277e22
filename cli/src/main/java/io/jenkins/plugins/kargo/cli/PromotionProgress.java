package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.PromotionTicket;
import io.jenkins.plugins.kargo.application.outcome.DeliveryOutcome;
import io.jenkins.plugins.kargo.application.view.FreightRef;
import io.jenkins.plugins.kargo.application.view.PromotionDetail;
import io.jenkins.plugins.kargo.application.view.StepLine;
import io.jenkins.plugins.kargo.application.view.VerificationDetail;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Runs a queued promotion in this process (the CLI is the controller of its own command) and reports it: its phase
 * and step log, then the outcome of the stage's verification that follows a successful promotion. When another
 * kargo process is running the stage's queue, {@code --wait} waits for that process's outcome (the application
 * layer's {@code Outcomes}); without it the command returns once the promotion is queued.
 */
final class PromotionProgress {

    private PromotionProgress() {
    }

    static int runAndReport(Kargo kargo, String project, PromotionTicket queued, boolean wait, PrintWriter out,
                            ConsoleEvents console) throws ConfigException, InterruptedException, ExecutionException {
        out.println("promotion/" + queued.name() + " created: Freight " + queued.freight().name() + " into stage "
                + queued.stage());
        out.flush();
        if (kargo.commands().runQueue(project, queued.stage())) {
            return report(kargo, project, queued.name(), wait, out, console);
        }
        if (!wait) {
            out.println("queued: another kargo process is running stage " + queued.stage() + "'s promotions");
            return ExitCodes.OK;
        }
        out.println("another kargo process is running stage " + queued.stage() + "'s promotions; waiting");
        out.flush();
        kargo.outcomes().promotion(project, queued.name()).get();
        return report(kargo, project, queued.name(), true, out, console);
    }

    /**
     * Reports a promotion after the stage's queue ran (in this process or, waited for, in another): its steps and
     * phase, then the verification it queued. One that another process still runs is waited for when {@code wait},
     * saying how to decide it when it waits for a person.
     *
     * @return the exit code: OK when the promotion succeeded and its verification, if any, was Successful (or runs
     *         elsewhere and is not waited for)
     * @throws CommandFailure when the promotion or its verification did not succeed
     */
    static int report(Kargo kargo, String project, String name, boolean wait, PrintWriter out, ConsoleEvents console)
            throws InterruptedException, ExecutionException {
        PromotionDetail promotion = kargo.views().promotion(project, name);
        if (!promotion.ended()) {
            out.println("queued: another kargo process is running stage " + promotion.stage() + "'s promotions");
            return ExitCodes.OK;
        }
        for (StepLine step : promotion.steps()) {
            out.println("  " + step.alias() + " (" + step.uses() + "): " + step.status()
                    + (step.message().isEmpty() ? "" : ": " + step.message().lines().findFirst().orElse("")));
        }
        out.println("promotion/" + promotion.name() + " " + promotion.phase()
                + (promotion.message().isEmpty() ? "" : ": " + promotion.message()));
        out.flush();
        if (!promotion.succeeded()) {
            throw new CommandFailure(ExitCodes.FAILED, "promotion " + promotion.name() + " ended " + promotion.phase());
        }
        // queued in the transaction that ended the promotion, so it is there now if the stage has a verification
        if (promotion.verification().isEmpty()) {
            return ExitCodes.OK;
        }
        VerificationDetail run = kargo.views().verification(project, promotion.verification().get());
        if (!run.ended()) {
            out.println("verification/" + run.name() + " " + run.phase() + ": another kargo process runs it; "
                    + (wait ? "waiting" : "see `kargo get verifications --stage " + promotion.stage() + "`"));
            out.flush();
            if (!wait) {
                return ExitCodes.OK;
            }
            run = awaitElsewhere(kargo, project, run, console);
        }
        return VerificationReport.print(out, run);
    }

    /** Waits for a verification another process runs; when it waits for a person, says how to decide it. */
    private static VerificationDetail awaitElsewhere(Kargo kargo, String project, VerificationDetail run,
                                                    ConsoleEvents console) throws InterruptedException, ExecutionException {
        DeliveryOutcome settled = kargo.outcomes().verification(project, run.name()).get();
        if (settled instanceof DeliveryOutcome.WaitingForDecision waiting) {
            VerificationDetail started = waiting.verification().orElseThrow();
            console.decisionNeeded(project, started.stage(), started.name(), started.freight().get(0).name(),
                    started.freight().stream().map(FreightRef::label).collect(Collectors.joining(",")));
        }
        return kargo.outcomes().verificationEnd(project, run.name()).get().verification().orElseThrow();
    }
}
