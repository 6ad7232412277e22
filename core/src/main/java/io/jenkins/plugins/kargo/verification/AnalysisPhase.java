package io.jenkins.plugins.kargo.verification;

/**
 * The outcome of a measurement, a metric or a whole analysis, declared from best to worst in Argo Rollouts' order
 * ({@code analysisStatusOrder} in {@code utils/analysis/helpers.go}): a run is as bad as its worst metric.
 */
public enum AnalysisPhase {
    SUCCESSFUL("Successful"),
    INCONCLUSIVE("Inconclusive"),
    ERROR("Error"),
    FAILED("Failed");

    private final String label;

    AnalysisPhase(String label) {
        this.label = label;
    }

    public AnalysisPhase worst(AnalysisPhase other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    /** Argo Rollouts' spelling, as shown to users. */
    @Override
    public String toString() {
        return label;
    }
}
