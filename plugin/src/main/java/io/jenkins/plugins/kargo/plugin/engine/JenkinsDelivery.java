package io.jenkins.plugins.kargo.plugin.engine;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.plugin.config.KargoConfiguration;
import io.jenkins.plugins.kargo.plugin.config.KubernetesClients;
import io.jenkins.plugins.kargo.plugin.credentials.JenkinsCredentials;
import io.jenkins.plugins.kargo.plugin.credentials.SecretMask;
import java.nio.file.Path;
import java.util.function.Function;
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
        Wired wired = wire(config.stateDirectoryPath(), JenkinsCredentials.of(run), mask -> new BuildLog(listener, mask));
        return new KargoDelivery(wired.kargo(), wired.mask());
    }

    /** An engine and the mask of the secrets its credentials hold. */
    public record Wired(Kargo kargo, SecretMask mask) {
    }

    /**
     * The engine over {@code stateDirectory} with the global configuration's credential bindings and Kubernetes
     * connection, each credential found by {@code lookup}; a binding that cannot be used is reported to the events.
     *
     * @param events where the engine reports, given the mask of every secret it may meet
     */
    public static Wired wire(Path stateDirectory, JenkinsCredentials.Lookup lookup,
                             Function<SecretMask, EventSink> events) {
        KargoConfiguration config = KargoConfiguration.get();
        JenkinsCredentials.Resolved credentials = JenkinsCredentials.resolve(config.bindings(), lookup);
        EventSink sink = events.apply(credentials.mask());
        credentials.problems().forEach(sink::warn);
        Kargo kargo = Kargo.builder(stateDirectory).credentials(credentials.provider()).events(sink)
                .kubernetes(KubernetesClients.of(config.getKubernetes(), lookup)).build();
        return new Wired(kargo, credentials.mask());
    }
}
