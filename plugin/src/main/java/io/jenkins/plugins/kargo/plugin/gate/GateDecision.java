package io.jenkins.plugins.kargo.plugin.gate;

import java.io.Serializable;

/**
 * What a step does once a person has decided its gate. Kept with the step's execution across a controller restart,
 * so an implementation holds only serialisable state (usually it is the execution itself).
 */
public interface GateDecision extends Serializable {

    /** @param approver the Jenkins user who pressed Proceed, or {@code null} when Jenkins knows no user */
    void approved(String approver);

    /**
     * @param rejectedBy the Jenkins user who pressed Abort, or {@code null} when the gate ended otherwise (the build
     *                   was stopped)
     * @param cause      what ended the wait, to fail the step with
     */
    void rejected(String rejectedBy, Throwable cause);
}
