package io.jenkins.plugins.kargo.verification;

/** Kargo's verification phases ({@code VerificationInfo.phase}), which mirror the AnalysisRun's. */
public enum VerificationPhase {
    Pending,
    Running,
    Successful,
    Failed,
    Error,
    Inconclusive,
    Aborted;

    public boolean isTerminal() {
        return this != Pending && this != Running;
    }

    /** Failed, Error or Inconclusive: the Freight did not pass. */
    public boolean isFailure() {
        return this == Failed || this == Error || this == Inconclusive;
    }

    public static VerificationPhase of(AnalysisPhase analysis) {
        return switch (analysis) {
            case SUCCESSFUL -> Successful;
            case INCONCLUSIVE -> Inconclusive;
            case ERROR -> Error;
            case FAILED -> Failed;
        };
    }
}
