package io.jenkins.plugins.kargo.plugin.engine;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.plugin.config.KargoConfiguration;
import io.jenkins.plugins.kargo.plugin.config.KubernetesClients;
import io.jenkins.plugins.kargo.plugin.credentials.JenkinsCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Opens the engine for a build: over the state directory of the global configuration, with the credentials the
 * bindings name resolved as the build (its authentication, its folder), the Kubernetes connection, and the build's
 * log as the engine's event sink, every secret masked.
 */
public enum JenkinsDelivery implements Delivery.Source {
    SOURCE;

    @Override
    public Delivery open(StepContext context) throws Exception {
        return open(context.get(Run.class), context.get(TaskListener.class));
    }

    /** For freestyle build steps, which have their build and log at hand. */
    public static Delivery open(Run<?, ?> run, TaskListener listener) {
        KargoConfiguration config = KargoConfiguration.get();
        JenkinsCredentials.Lookup lookup = JenkinsCredentials.of(run);
        JenkinsCredentials.Resolved credentials = JenkinsCredentials.resolve(config.getCredentials(), lookup);
        BuildLog log = new BuildLog(listener, credentials.mask());
        credentials.problems().forEach(log::warn);
        Kargo kargo = Kargo.builder(config.stateDirectoryPath()).credentials(credentials.provider()).events(log)
                .kubernetes(KubernetesClients.of(config.getKubernetes(), lookup)).build();
        return new KargoDelivery(kargo, credentials.mask());
    }
}
