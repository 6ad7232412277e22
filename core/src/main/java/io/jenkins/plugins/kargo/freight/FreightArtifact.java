package io.jenkins.plugins.kargo.freight;

import java.util.Map;

/**
 * A generic artifact in a Freight (Kargo's {@code artifacts[]}): here an npm package from an {@code npm:}
 * subscription, with {@code artifactType} {@code npm} and the registry and package in {@code metadata}.
 */
public record FreightArtifact(String artifactType, String subscriptionName, String version,
                              Map<String, String> metadata) {

    public FreightArtifact {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
