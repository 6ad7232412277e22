package io.jenkins.plugins.kargo.verification;

import java.util.List;

/**
 * A metric's outcome and its measurements (the latest ones its {@code measurementRetention} keeps).
 *
 * @param message why the metric ended as it did (Argo Rollouts' "assessed Failed due to failed (2) > failureLimit (1)")
 * @param dryRun  the metric ran in dry-run mode: its outcome did not count towards the analysis'
 */
public record MetricResult(String name, AnalysisPhase phase, String message, List<Measurement> measurements,
                           boolean dryRun) {

    public MetricResult {
        measurements = List.copyOf(measurements);
    }

    public MetricResult(String name, AnalysisPhase phase, String message, List<Measurement> measurements) {
        this(name, phase, message, measurements, false);
    }

    public long count(AnalysisPhase measured) {
        return measurements.stream().filter(m -> m.phase() == measured).count();
    }
}
