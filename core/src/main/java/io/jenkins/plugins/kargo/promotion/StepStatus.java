package io.jenkins.plugins.kargo.promotion;

/** How one promotion step ended, as Kargo's step statuses. */
public enum StepStatus {
    Succeeded, Skipped, Failed, Errored, Aborted
}
