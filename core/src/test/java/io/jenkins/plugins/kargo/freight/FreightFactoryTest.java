package io.jenkins.plugins.kargo.freight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.api.ImageSelectionStrategy;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.discovery.DiscoveredChart;
import io.jenkins.plugins.kargo.discovery.DiscoveredImage;
import io.jenkins.plugins.kargo.discovery.DiscoveredPackage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreightFactoryTest {

    private static final String DIGEST = "sha256:" + "d".repeat(64);
    private static final SourceLocation HERE = new SourceLocation("warehouse.yaml", 7, "spec.subscriptions[0]");

    @Test
    void imagesKeepTagDigestAndAnnotationsUnderTheSubscriptionsRepoUrl() throws Exception {
        ImageSubscription sub = image("harbor.yourdomain.com/services/user-service", "");
        DiscoveredImage found = new DiscoveredImage("harbor.yourdomain.com/services/user-service", "v1.2.3", DIGEST,
                Instant.parse("2026-11-01T10:00:00Z"), Map.of("org.opencontainers.image.revision", "abc"));

        Freight freight = FreightFactory.create("services-warehouse", List.of(new SelectedArtifact(sub, found)));

        assertThat(freight.images()).containsExactly(new FreightImage("harbor.yourdomain.com/services/user-service",
                "v1.2.3", DIGEST, Map.of("org.opencontainers.image.revision", "abc"), ""));
        assertThat(freight.origin()).isEqualTo(FreightOrigin.warehouse("services-warehouse"));
        assertThat(freight.name()).as("Kargo's ID, computed apart from the engine").isEqualTo(FreightIdTest.sha1sum(
                "Warehouse/services-warehouse:harbor.yourdomain.com/services/user-service:v1.2.3@" + DIGEST));
        assertThat(freight.alias()).isNull();
        assertThat(freight.createdAt()).isNull();
    }

    @Test
    void npmPackagesDeclaredAsChartsBecomeChartsSoTheIdIsKargos() throws Exception {
        NpmSubscription sub = new NpmSubscription("https://verdaccio.yourdomain.com", "@yourorg/utils", ">=1.0.0-alpha",
                20, false, true, "", HERE);

        Freight freight = FreightFactory.create("packages-warehouse", List.of(new SelectedArtifact(sub,
                new DiscoveredPackage("https://verdaccio.yourdomain.com", "@yourorg/utils", "1.4.0", null))));

        assertThat(freight.charts()).containsExactly(
                new FreightChart("https://verdaccio.yourdomain.com", "@yourorg/utils", "1.4.0", ""));
        assertThat(freight.artifacts()).isEmpty();
        assertThat(freight.name()).isEqualTo(FreightIdTest.sha1sum(
                "Warehouse/packages-warehouse:https:/verdaccio.yourdomain.com/@yourorg/utils:1.4.0"));
    }

    @Test
    void npmSubscriptionsBecomeNpmArtifactsNamedBySubscriptionOrPackage() {
        NpmSubscription unnamed = new NpmSubscription("http://127.0.0.1:4873", "@yourorg/utils", "", 20, false, false, "", HERE);
        NpmSubscription named = new NpmSubscription("http://127.0.0.1:4873", "left-pad", "", 20, false, false, "pad", HERE);

        Freight freight = FreightFactory.create("packages", List.of(
                new SelectedArtifact(unnamed, new DiscoveredPackage("http://127.0.0.1:4873", "@yourorg/utils", "2.0.0", null)),
                new SelectedArtifact(named, new DiscoveredPackage("http://127.0.0.1:4873", "left-pad", "1.3.0", null))));

        assertThat(freight.artifacts()).containsExactly(
                new FreightArtifact("npm", "@yourorg/utils", "2.0.0",
                        Map.of("repoURL", "http://127.0.0.1:4873", "package", "@yourorg/utils")),
                new FreightArtifact("npm", "pad", "1.3.0", Map.of("repoURL", "http://127.0.0.1:4873", "package", "left-pad")));
        assertThat(freight.name()).isEqualTo(FreightId.of(FreightOrigin.warehouse("packages"), List.of(), List.of(),
                List.of(), freight.artifacts()));
    }

    @Test
    void chartsTakeTheSubscriptionsRepoAndChartName() {
        ChartSubscription sub = new ChartSubscription("https://charts.example.com", "nginx", "", 20, false, "web", HERE);

        Freight freight = FreightFactory.create("charts", List.of(
                new SelectedArtifact(sub, new DiscoveredChart("https://charts.example.com", "nginx", "15.1.0"))));

        assertThat(freight.charts()).containsExactly(new FreightChart("https://charts.example.com", "nginx", "15.1.0", "web"));
    }

    @Test
    void nothingSelectedOrAMismatchedArtifactIsRefusedWithTheSubscription() {
        assertThatThrownBy(() -> FreightFactory.create("w", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one artifact");
        assertThatThrownBy(() -> FreightFactory.create("w", List.of(new SelectedArtifact(image("r.example.com/app", ""),
                new DiscoveredChart("https://charts.example.com", "nginx", "1.0.0")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DiscoveredChart").hasMessageContaining("r.example.com/app")
                .hasMessageContaining("warehouse.yaml:7");
    }

    private static ImageSubscription image(String repoURL, String name) {
        return new ImageSubscription(repoURL, ImageSelectionStrategy.SemVer, "", false, List.of(), List.of(), "",
                ImageSubscription.DEFAULT_DISCOVERY_LIMIT, false, false, name, HERE);
    }
}
