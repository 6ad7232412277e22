package io.jenkins.plugins.kargo.freight;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import java.time.Instant;
import java.util.List;

/**
 * One immutable set of artifact versions from one Warehouse. Its {@code name} is Kargo's SHA-1 of the
 * artifacts ({@link FreightId}), so the same artifacts always give the same Freight.
 */
public record Freight(String name, String alias, FreightOrigin origin, Instant createdAt,
                      List<FreightImage> images, List<FreightChart> charts, List<FreightCommit> commits,
                      List<FreightArtifact> artifacts) {

    public Freight {
        images = List.copyOf(images);
        charts = List.copyOf(charts);
        commits = List.copyOf(commits);
        artifacts = List.copyOf(artifacts);
    }
}
