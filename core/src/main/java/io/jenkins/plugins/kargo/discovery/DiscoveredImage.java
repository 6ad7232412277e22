package io.jenkins.plugins.kargo.discovery;

import java.time.Instant;
import java.util.Map;

/**
 * An image found in a registry.
 *
 * @param digest    the manifest (or index) digest the tag points at, {@code sha256:...}
 * @param createdAt build date as Kargo reads it (annotation, label or config), or null when unknown
 */
public record DiscoveredImage(String repoURL, String tag, String digest, Instant createdAt,
                              Map<String, String> annotations) implements DiscoveredArtifact {

    public DiscoveredImage {
        annotations = Map.copyOf(annotations);
    }

    @Override
    public String version() {
        return tag;
    }
}
