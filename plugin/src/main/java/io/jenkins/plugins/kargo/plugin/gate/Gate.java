package io.jenkins.plugins.kargo.plugin.gate;

import java.io.Serializable;

/**
 * A gate that waits for a person: opened by a step, decided through {@link GateDecision}. Serialisable: it is kept
 * with the step's execution while the build waits, across a controller restart.
 */
public interface Gate extends Serializable {

    /** Shows the gate again after a controller restart (Jenkins forgets which inputs wait). */
    void resume() throws Exception;

    /** Ends the wait without a decision, as when the build is stopped. */
    void cancel(Throwable cause) throws Exception;

    /** Opens gates. The plugin opens a Jenkins {@code input}; tests open gates they decide themselves. */
    interface Opener extends Serializable {
        Gate open(org.jenkinsci.plugins.workflow.steps.StepContext context, GateRequest request,
                  GateDecision decision) throws Exception;
    }
}
