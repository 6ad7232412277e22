package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.state.Promotion;
import io.jenkins.plugins.kargo.state.StepLogEntry;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Runs a queued promotion in this process (the CLI is the controller of its own command) and reports it: its phase
 * and step log. When another kargo process is running the stage's queue, {@code --wait} waits for that process to
 * end the promotion; without it the command returns once the promotion is queued.
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
        return ExitCodes.OK;
    }
}
