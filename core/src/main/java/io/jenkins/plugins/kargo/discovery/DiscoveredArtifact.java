package io.jenkins.plugins.kargo.discovery;

/** One version found by a subscriber. Lists of these are ordered best candidate first. */
public sealed interface DiscoveredArtifact permits DiscoveredImage, DiscoveredChart, DiscoveredPackage {

    /** The human-facing version: an image tag, a chart or package version. */
    String version();
}
