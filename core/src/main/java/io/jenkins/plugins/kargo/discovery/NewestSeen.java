package io.jenkins.plugins.kargo.discovery;

import java.time.Instant;

/**
 * The best version a subscription has shown so far, kept between discoveries so that a later discovery can never
 * select something older (a deleted tag, a lagging mirror, a registry that answers with a partial listing).
 *
 * @param createdAt the build date, for NewestBuild subscriptions; may be null
 */
public record NewestSeen(String version, Instant createdAt) {

    public static NewestSeen of(DiscoveredArtifact artifact) {
        return new NewestSeen(artifact.version(),
                artifact instanceof DiscoveredImage image ? image.createdAt() : null);
    }
}
