package io.jenkins.plugins.kargo.verification;

import java.time.Instant;
import java.util.List;

/**
 * A finished analysis: its phase is the worst of its metrics' (see {@link AnalysisPhase}), its message the first
 * worst metric's. An analysis that could not start (a missing argument, an unknown provider) is an Error with no
 * metrics; an aborted one is Failed with "Verification aborted by user", as Kargo records it.
 */
public record AnalysisResult(AnalysisPhase phase, String message, List<MetricResult> metrics, Instant startedAt,
                             Instant finishedAt) {

    public AnalysisResult {
        metrics = List.copyOf(metrics);
    }
}
