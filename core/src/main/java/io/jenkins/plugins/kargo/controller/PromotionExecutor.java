package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.PromotionPlan;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.state.StepLogEntry;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs the steps of one promotion into a stage: the step runner over the stage's plan (its
 * {@code promotionTemplate} steps, or its {@code promotionMechanisms} translated into steps). The seam between the
 * lifecycle (queue, state, recovery) and the steps.
 */
@FunctionalInterface
public interface PromotionExecutor {

    /**
     * @param aborted asked before each step: true once a user aborted the promotion
     * @param onStep  told of each step as it ends, so the step log is kept as it grows
     * @return how the steps ended; Aborted with the thread's interrupt flag set means the process is shutting down
     */
    Outcome run(PromotionPlan plan, StepContext context, BooleanSupplier aborted, Consumer<StepLogEntry> onStep);

    /** @param message why it did not succeed; empty on success */
    record Outcome(PromotionPhase phase, String message) {
    }
}
