package io.jenkins.plugins.kargo.discovery;

/** One version found by a subscriber. Lists of these are ordered best candidate first. */
public sealed interface DiscoveredArtifact permits DiscoveredImage, DiscoveredChart, DiscoveredPackage,
        DiscoveredCommit {

    /** The human-facing version: an image tag, a chart or package version, a git tag or commit ID. */
    String version();
}
