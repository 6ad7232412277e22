package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.StepLogEntry;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a queued promotion in this process (the CLI is the controller of its own command) and reports it: its phase
 * and step log, then the outcome of the stage's verification that follows a successful promotion. When another
 * kargo process is running the stage's queue, {@code --wait} waits for that process to end the promotion and then
 * its verification; without it the command returns once the promotion is queued.
 */
final class PromotionProgress {

    private static final Duration POLL = Duration.ofSeconds(1);

    private PromotionProgress() {
    }

    static int runAndReport(KargoEngine engine, String project, Promotion queued, boolean wait, PrintWriter out,
                            ConsoleEvents console) throws ConfigException, InterruptedException {
        out.println("promotion/" + queued.name() + " created: Freight " + queued.freight() + " into stage " + queued.stage());
        out.flush();
        if (engine.runPromotions(project, queued.stage())) {
            return report(engine, project, queued.name(), wait, out, console);
        }
        if (!wait) {
            out.println("queued: another kargo process is running stage " + queued.stage() + "'s promotions");
            return ExitCodes.OK;
        }
        out.println("another kargo process is running stage " + queued.stage() + "'s promotions; waiting");
        out.flush();
        engine.awaitPromotion(project, queued.name(), POLL);
        return report(engine, project, queued.name(), true, out, console);
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
    static int report(KargoEngine engine, String project, String name, boolean wait, PrintWriter out,
                      ConsoleEvents console) throws ConfigException, InterruptedException {
        Promotion promotion = engine.store().promotions().get(project, name).orElseThrow();
        if (!promotion.phase().isTerminal()) {
            out.println("queued: another kargo process is running stage " + promotion.stage() + "'s promotions");
            return ExitCodes.OK;
        }
        for (StepLogEntry step : promotion.steps()) {
            out.println("  " + step.alias() + " (" + step.uses() + "): " + step.status()
                    + (step.message().isEmpty() ? "" : ": " + step.message().lines().findFirst().orElse("")));
        }
        out.println("promotion/" + promotion.name() + " " + promotion.phase()
                + (promotion.message().isEmpty() ? "" : ": " + promotion.message()));
        out.flush();
        if (promotion.phase() != PromotionPhase.Succeeded) {
            throw new CommandFailure(ExitCodes.FAILED, "promotion " + promotion.name() + " ended " + promotion.phase());
        }
        // queued in the transaction that ended the promotion, so it is there now if the stage has a verification
        Optional<VerificationRun> verification = engine.store().verifications().list(project, promotion.stage())
                .stream().filter(v -> v.promotion().equals(promotion.name())).findFirst();
        if (verification.isEmpty()) {
            return ExitCodes.OK;
        }
        VerificationRun run = verification.get();
        if (!run.phase().isTerminal()) {
            out.println("verification/" + run.name() + " " + run.phase() + ": another kargo process runs it; "
                    + (wait ? "waiting" : "see `kargo get verifications --stage " + promotion.stage() + "`"));
            out.flush();
            if (!wait) {
                return ExitCodes.OK;
            }
            run = awaitElsewhere(engine, project, run, console);
        }
        return VerificationReport.print(out, run);
    }

    /** Waits for a verification another process runs; once it starts, says how to decide it if it waits for a person. */
    private static VerificationRun awaitElsewhere(KargoEngine engine, String project, VerificationRun run,
                                                 ConsoleEvents console) throws ConfigException, InterruptedException {
        VerificationRun started = engine.awaitVerification(project, run.name(),
                phase -> phase != VerificationPhase.Pending, POLL);
        if (!started.phase().isTerminal() && engine.asksPeople(project, started.stage())) {
            String aliases = started.freight().values().stream()
                    .map(f -> engine.store().freight().byName(project, f).map(Freight::alias).orElse(f))
                    .collect(Collectors.joining(","));
            console.decisionNeeded(project, started.stage(), started.name(),
                    started.freight().values().iterator().next(), aliases);
        }
        return engine.awaitVerification(project, run.name(), VerificationPhase::isTerminal, POLL);
    }
}
