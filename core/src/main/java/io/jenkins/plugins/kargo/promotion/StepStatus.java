package io.jenkins.plugins.kargo.promotion;

/**
 * How one promotion step ended, as Kargo's step statuses. {@link #Running} is what a step returns when it waits for
 * something outside (an HTTP endpoint's status, an Argo CD sync): the runner asks it again after its poll interval; it
 * never ends a step.
 */
public enum StepStatus {
    Succeeded, Skipped, Failed, Errored, Aborted, Running
}
