package io.jenkins.plugins.kargo.promotion;

import java.time.Instant;
import java.util.List;

/**
 * A request to put one Freight into one stage, and what became of it.
 *
 * @param name           {@code <stage>.<ULID>.<first 7 of freight>} (Kargo's {@code GeneratePromotionName})
 * @param actor          who asked ({@code kargo-controller} for automatic ones)
 * @param attempts       how many times a worker started it (above 1 after a crash recovery)
 * @param abortRequested a user asked to abort it while it ran
 * @param steps          the step log so far; its size is the current step
 */
public record Promotion(String name, String stage, String freight, String actor, PromotionPhase phase,
                        Instant createdAt, Instant startedAt, Instant finishedAt, String message, int attempts,
                        boolean abortRequested, List<StepLogEntry> steps) {

    public Promotion {
        message = message == null ? "" : message;
        steps = List.copyOf(steps);
    }

    public int currentStep() {
        return steps.size();
    }
}
