package io.jenkins.plugins.kargo.freight;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.discovery.DiscoveredChart;
import io.jenkins.plugins.kargo.discovery.DiscoveredCommit;
import io.jenkins.plugins.kargo.discovery.DiscoveredImage;
import io.jenkins.plugins.kargo.discovery.DiscoveredPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the Freight of a Warehouse from the artifact selected for each of its subscriptions, named by
 * {@link FreightId}. The result is not yet stored: its {@code alias} and {@code createdAt} are null until the store
 * assigns them.
 */
public final class FreightFactory {

    /** Kargo's {@code artifactType} for the npm packages of {@code npm:} subscriptions. */
    public static final String NPM_ARTIFACT_TYPE = "npm";

    private FreightFactory() {
    }

    /**
     * @throws IllegalArgumentException when nothing is selected (Kargo refuses Freight without artifacts), when an
     *                                  artifact does not match its subscription's kind
     */
    public static Freight create(String warehouse, List<SelectedArtifact> selected) {
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("Warehouse " + warehouse + ": a Freight needs at least one artifact");
        }
        List<FreightImage> images = new ArrayList<>();
        List<FreightChart> charts = new ArrayList<>();
        List<FreightArtifact> artifacts = new ArrayList<>();
        List<FreightCommit> commits = new ArrayList<>();
        for (SelectedArtifact s : selected) {
            if (s.subscription() instanceof ImageSubscription sub && s.artifact() instanceof DiscoveredImage image) {
                images.add(new FreightImage(sub.repoURL(), image.tag(), image.digest(), image.annotations(), sub.name()));
            } else if (s.subscription() instanceof ChartSubscription sub && s.artifact() instanceof DiscoveredChart chart) {
                charts.add(new FreightChart(sub.repoURL(), sub.chartName(), chart.version(), sub.name()));
            } else if (s.subscription() instanceof NpmSubscription sub && s.artifact() instanceof DiscoveredPackage pkg) {
                if (sub.declaredAsChart()) {
                    // recorded as the chart the user declared, so the ID is the one Kargo computes for that entry
                    charts.add(new FreightChart(sub.repoURL(), sub.packageName(), pkg.version(), sub.name()));
                } else {
                    String subscriptionName = sub.name().isEmpty() ? sub.packageName() : sub.name();
                    artifacts.add(new FreightArtifact(NPM_ARTIFACT_TYPE, subscriptionName, pkg.version(),
                            Map.of("repoURL", sub.repoURL(), "package", sub.packageName())));
                }
            } else if (s.subscription() instanceof GitSubscription sub && s.artifact() instanceof DiscoveredCommit commit) {
                commits.add(new FreightCommit(sub.repoURL(), commit.id(), commit.branch(), commit.tag(),
                        commit.subject(), commit.author(), commit.committer(), sub.name()));
            } else {
                throw new IllegalArgumentException("Warehouse " + warehouse + ": cannot put a "
                        + s.artifact().getClass().getSimpleName() + " into Freight for the subscription to "
                        + s.subscription().repoURL() + " (" + s.subscription().location() + ")");
            }
        }
        FreightOrigin origin = FreightOrigin.warehouse(warehouse);
        String name = FreightId.of(origin, commits, images, charts, artifacts);
        return new Freight(name, null, origin, null, images, charts, commits, artifacts);
    }
}
