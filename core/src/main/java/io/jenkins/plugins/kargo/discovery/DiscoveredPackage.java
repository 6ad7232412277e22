package io.jenkins.plugins.kargo.discovery;

import java.time.Instant;

/** An npm package version; {@code publishedAt} comes from the registry's {@code time} map when present. */
public record DiscoveredPackage(String repoURL, String packageName, String version, Instant publishedAt)
        implements DiscoveredArtifact {
}
