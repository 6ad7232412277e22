package io.jenkins.plugins.kargo.discovery;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.api.Subscription;
import io.jenkins.plugins.kargo.semver.SemverPrecedence;
import io.jenkins.plugins.kargo.semver.SemverTags;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Refuses a discovery whose best candidate ranks below the newest version already seen for that subscription,
 * by the subscription's own order (semver, lexical, build date or tag creation date). A Digest subscription tracks
 * one mutable tag, whose digests have no order, so it is never refused. Nor is a git NewestFromBranch one: its
 * head moves back only when someone resets or force-pushes the branch, a deliberate act that Kargo follows, and a
 * refusal would pin the warehouse to a commit the branch no longer holds.
 */
public final class DowngradeGuard {

    private DowngradeGuard() {
    }

    /** @return why taking {@code candidate} would be a downgrade, or empty when it is not */
    public static Optional<String> check(Subscription subscription, DiscoveredArtifact candidate, NewestSeen seen) {
        if (seen == null || seen.version().equals(candidate.version())) {
            return Optional.empty();
        }
        boolean older;
        if (subscription instanceof ImageSubscription image) {
            older = switch (image.strategy()) {
                case SemVer -> semverOlder(candidate.version(), seen.version());
                case Lexical -> candidate.version().compareTo(seen.version()) < 0;
                case NewestBuild -> candidate instanceof DiscoveredImage img && img.createdAt() != null
                        && seen.createdAt() != null && img.createdAt().isBefore(seen.createdAt());
                case Digest -> false;
            };
        } else if (subscription instanceof ChartSubscription || subscription instanceof NpmSubscription) {
            older = semverOlder(candidate.version(), seen.version());
        } else {
            GitSubscription git = (GitSubscription) subscription;
            older = switch (git.commitSelectionStrategy()) {
                case SemVer -> semverOlder(candidate.version(), seen.version());
                case Lexical -> candidate.version().compareTo(seen.version()) < 0;
                case NewestTag -> candidate instanceof DiscoveredCommit commit && commit.creatorDate() != null
                        && seen.createdAt() != null && commit.creatorDate().isBefore(seen.createdAt());
                // a branch moved back is someone's reset or force-push, which the warehouse follows as Kargo does
                case NewestFromBranch -> false;
            };
        }
        if (!older) {
            return Optional.empty();
        }
        return Optional.of("the newest candidate for " + subscription.repoURL() + " is " + candidate.version()
                + ", older than " + seen.version() + " seen before (a deleted tag or a lagging registry?);"
                + " the warehouse keeps its current Freight until a version at least as new appears");
    }

    private static boolean semverOlder(String candidate, String seen) {
        Optional<Semver> c = SemverTags.parse(candidate, false);
        Optional<Semver> s = SemverTags.parse(seen, false);
        return c.isPresent() && s.isPresent() && SemverPrecedence.compare(c.get(), s.get()) < 0;
    }
}
