package io.jenkins.plugins.kargo.promotion;

import java.time.Instant;

/** One line of a promotion's step log, as the step runner reported it. Outputs are not kept. */
public record StepLogEntry(String alias, String uses, String status, String message, Instant startedAt,
                           Instant finishedAt) {

    /** The log line of a step as it ended, without its outputs. */
    public static StepLogEntry of(StepRecord step) {
        return new StepLogEntry(step.alias(), step.uses(), step.status().name(), step.message(), step.started(),
                step.finished());
    }
}
