package io.jenkins.plugins.kargo.verification;

/**
 * A measured value whose provider decides the measurement's phase itself, as Argo Rollouts' job provider does (the
 * Job's success, not a condition, decides): {@link AnalysisRunner} records it without consulting the metric's
 * conditions.
 */
public interface AssessedResult {

    AnalysisPhase assessedPhase();

    /** Why, when the phase is not Successful; empty otherwise. */
    String assessedMessage();

    /** The plain data kept as the measurement's value. */
    Object value();
}
