package io.jenkins.plugins.kargo.application.view;

import java.time.Instant;

/** One line of a promotion's step log: the step's alias, what it uses, how it ended and why. */
public record StepLine(String alias, String uses, String status, String message, Instant startedAt,
                       Instant finishedAt) {
}
