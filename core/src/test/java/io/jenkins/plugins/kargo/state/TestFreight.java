package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.api.ImageSelectionStrategy;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.discovery.DiscoveredImage;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightFactory;
import io.jenkins.plugins.kargo.freight.SelectedArtifact;
import java.util.List;
import java.util.Map;

/** Freight for store tests: one image of {@code registry.local/<app>} at the given tag, made by the real factory. */
final class TestFreight {

    static final ImageSubscription SUBSCRIPTION = new ImageSubscription("registry.local/app", ImageSelectionStrategy.SemVer,
            "", false, List.of(), List.of(), "", 10, false, false, "", new SourceLocation("w.yaml", 1, ""));

    private TestFreight() {
    }

    static Freight image(String warehouse, String tag) {
        String digest = "sha256:" + String.format("%064x", tag.hashCode() & 0xffffffffL);
        return FreightFactory.create(warehouse, List.of(new SelectedArtifact(SUBSCRIPTION,
                new DiscoveredImage("registry.local/app", tag, digest, null, Map.of("built-by", "test")))));
    }
}
