package io.jenkins.plugins.kargo.discovery;

/** A Helm chart version. For OCI charts {@code name} is empty and {@code repoURL} names the chart. */
public record DiscoveredChart(String repoURL, String name, String version) implements DiscoveredArtifact {
}
