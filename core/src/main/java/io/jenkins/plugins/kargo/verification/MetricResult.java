package io.jenkins.plugins.kargo.verification;

import java.util.List;

/**
 * A metric's outcome and every measurement taken of it.
 *
 * @param message why the metric ended as it did (Argo Rollouts' "assessed Failed due to failed (2) > failureLimit (1)")
 */
public record MetricResult(String name, AnalysisPhase phase, String message, List<Measurement> measurements) {

    public MetricResult {
        measurements = List.copyOf(measurements);
    }

    public long count(AnalysisPhase measured) {
        return measurements.stream().filter(m -> m.phase() == measured).count();
    }
}
