package io.jenkins.plugins.kargo.freight;

import io.jenkins.plugins.kargo.api.Subscription;
import io.jenkins.plugins.kargo.discovery.DiscoveredArtifact;

/** The artifact chosen for one subscription of a Warehouse (its newest), to be put into a Freight. */
public record SelectedArtifact(Subscription subscription, DiscoveredArtifact artifact) {
}
