package io.jenkins.plugins.kargo.promotion;

import java.util.List;

/**
 * What {@link PromotionRunner#run} did.
 *
 * @param phase   Succeeded, Failed, Errored or Aborted
 * @param steps   one record per step the runner took up, in order (steps after an abort have none)
 * @param message why the promotion did not succeed (the worst step's message, prefixed with its alias); empty on
 *                success
 */
public record PromotionRun(PromotionPhase phase, List<StepRecord> steps, String message) {

    public PromotionRun {
        steps = List.copyOf(steps);
        message = message == null ? "" : message;
    }
}
