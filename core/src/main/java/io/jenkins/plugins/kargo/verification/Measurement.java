package io.jenkins.plugins.kargo.verification;

import java.time.Instant;

/**
 * One measurement of a metric, kept as Argo Rollouts keeps it in the AnalysisRun's status.
 *
 * @param value   what the provider returned (plain data); null for an Error
 * @param message why it is not Successful (the condition that decided, or the provider's error); empty otherwise
 */
public record Measurement(Instant startedAt, Instant finishedAt, AnalysisPhase phase, Object value, String message) {
}
