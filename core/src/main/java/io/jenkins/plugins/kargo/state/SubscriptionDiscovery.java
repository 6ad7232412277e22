package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.discovery.DiscoveredArtifact;
import java.util.List;

/**
 * What one discovery found for one subscription: the artifacts, best first, or the error that stopped it.
 *
 * @param error empty when discovery succeeded (possibly finding nothing)
 */
public record SubscriptionDiscovery(SubscriptionRef subscription, List<DiscoveredArtifact> artifacts, String error) {

    public SubscriptionDiscovery {
        artifacts = List.copyOf(artifacts);
        error = error == null ? "" : error;
    }

    public static SubscriptionDiscovery found(SubscriptionRef subscription, List<? extends DiscoveredArtifact> artifacts) {
        return new SubscriptionDiscovery(subscription, List.copyOf(artifacts), "");
    }

    public static SubscriptionDiscovery failed(SubscriptionRef subscription, String error) {
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("a failed discovery of " + subscription + " needs a message");
        }
        return new SubscriptionDiscovery(subscription, List.of(), error);
    }

    public boolean failed() {
        return !error.isEmpty();
    }
}
