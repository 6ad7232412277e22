package io.jenkins.plugins.kargo.discovery;

import java.time.Instant;

/**
 * The best version a subscription has shown so far, kept between discoveries so that a later discovery can never
 * select something older (a deleted tag, a lagging mirror, a registry that answers with a partial listing).
 *
 * @param createdAt the build date, for NewestBuild subscriptions, or the tag's creation date, for NewestTag ones;
 *                  may be null
 */
public record NewestSeen(String version, Instant createdAt) {

    public static NewestSeen of(DiscoveredArtifact artifact) {
        Instant createdAt = artifact instanceof DiscoveredImage image ? image.createdAt()
                : artifact instanceof DiscoveredCommit commit ? commit.creatorDate() : null;
        return new NewestSeen(artifact.version(), createdAt);
    }
}
