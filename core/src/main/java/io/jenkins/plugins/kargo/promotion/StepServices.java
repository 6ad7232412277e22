package io.jenkins.plugins.kargo.promotion;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What the engine offers the steps that declare a need for it ({@link StepRegistration.Need}), handed to their
 * factories when the step is first used.
 */
public interface StepServices {

    /** The engine's one Kubernetes client (made on first use, closed with the engine). */
    KubernetesClient kubernetes();
}
