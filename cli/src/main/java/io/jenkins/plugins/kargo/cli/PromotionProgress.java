package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.state.Promotion;
import io.jenkins.plugins.kargo.state.StepLogEntry;
import io.jenkins.plugins.kargo.state.VerificationRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs a queued promotion in this process (the CLI is the controller of its own command) and reports it: its phase
 * and step log, then the outcome of the stage's verification that follows a successful promotion in the same run.
 * When another kargo process is running the stage's queue, {@code --wait} waits for that process to end the
 * promotion (not its verification); without it the command returns once the promotion is queued.
 */
final class PromotionProgress {

    private static final Duration POLL = Duration.ofSeconds(1);

    private PromotionProgress() {
    }

    static int runAndReport(KargoEngine engine, String project, Promotion queued, boolean wait, PrintWriter out)
            throws ConfigException, InterruptedException {
        out.println("promotion/" + queued.name() + " created: Freight " + queued.freight() + " into stage " + queued.stage());
        out.flush();
        Promotion promotion;
        if (engine.runPromotions(project, queued.stage())) {
            promotion = engine.store().promotions().get(project, queued.name()).orElseThrow();
        } else if (wait) {
            out.println("another kargo process is running stage " + queued.stage() + "'s promotions; waiting");
            out.flush();
            promotion = engine.awaitPromotion(project, queued.name(), POLL);
        } else {
            out.println("queued: another kargo process is running stage " + queued.stage() + "'s promotions");
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
        Optional<VerificationRun> verification = engine.store().verifications().list(project, promotion.stage())
                .stream().filter(v -> v.promotion().equals(promotion.name())).findFirst();
        if (verification.isEmpty()) {
            return ExitCodes.OK;
        }
        if (!verification.get().phase().isTerminal()) {
            out.println("verification/" + verification.get().name() + " " + verification.get().phase()
                    + ": another kargo process runs it; see `kargo get verifications --stage " + promotion.stage() + "`");
            return ExitCodes.OK;
        }
        return VerificationReport.print(out, verification.get());
    }
}
