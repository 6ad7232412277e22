package io.jenkins.plugins.kargo.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.CommitSelectionStrategy;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.ImageSelectionStrategy;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DowngradeGuardTest {

    private static ImageSubscription image(ImageSelectionStrategy strategy) {
        return new ImageSubscription("registry.example.com/app", strategy, "", true, List.of(), List.of(), "", 20,
                false, false, "", SourceLocation.UNKNOWN);
    }

    private static DiscoveredImage tag(String tag, Instant created) {
        return new DiscoveredImage("registry.example.com/app", tag, "sha256:" + tag.hashCode(), created, Map.of());
    }

    @Test
    void semverRefusesAnOlderReleaseAndNamesBothVersions() {
        var refusal = DowngradeGuard.check(image(ImageSelectionStrategy.SemVer), tag("v1.2.3-beta.1", null),
                new NewestSeen("v1.2.3", null));
        assertThat(refusal).hasValueSatisfying(m -> assertThat(m).contains("v1.2.3-beta.1", "older than v1.2.3"));
    }

    @Test
    void semverAcceptsNewerAndEqualVersions() {
        var sub = image(ImageSelectionStrategy.SemVer);
        assertThat(DowngradeGuard.check(sub, tag("v1.10.0", null), new NewestSeen("v1.9.0", null))).isEmpty();
        assertThat(DowngradeGuard.check(sub, tag("v1.9.0", null), new NewestSeen("v1.9.0", null))).isEmpty();
        assertThat(DowngradeGuard.check(sub, tag("v1.9.0", null), null)).isEmpty();
    }

    @Test
    void lexicalComparesStrings() {
        var sub = image(ImageSelectionStrategy.Lexical);
        assertThat(DowngradeGuard.check(sub, tag("nightly-20241113", null), new NewestSeen("nightly-20241114", null)))
                .isPresent();
        assertThat(DowngradeGuard.check(sub, tag("nightly-20241115", null), new NewestSeen("nightly-20241114", null)))
                .isEmpty();
    }

    @Test
    void newestBuildComparesBuildDates() {
        var sub = image(ImageSelectionStrategy.NewestBuild);
        Instant seen = Instant.parse("2024-11-14T15:30:45Z");
        assertThat(DowngradeGuard.check(sub, tag("b", seen.minusSeconds(60)), new NewestSeen("a", seen))).isPresent();
        assertThat(DowngradeGuard.check(sub, tag("b", seen.plusSeconds(60)), new NewestSeen("a", seen))).isEmpty();
    }

    @Test
    void digestTrackingIsNeverADowngrade() {
        assertThat(DowngradeGuard.check(image(ImageSelectionStrategy.Digest), tag("latest", null),
                new NewestSeen("other", null))).isEmpty();
    }

    @Test
    void npmPackagesUseSemver() {
        var sub = new NpmSubscription("http://127.0.0.1:4873", "@yourorg/utils", "", 20, false, false, "",
                SourceLocation.UNKNOWN);
        var older = new DiscoveredPackage("http://127.0.0.1:4873", "@yourorg/utils", "1.0.0", null);
        assertThat(DowngradeGuard.check(sub, older, new NewestSeen("1.1.0-alpha.1", null))).isPresent();
    }

    private static GitSubscription git(CommitSelectionStrategy strategy) {
        return new GitSubscription("https://git.example.com/app.git", strategy, "", "", true, List.of(), List.of(),
                List.of(), List.of(), 20, false, "", SourceLocation.UNKNOWN);
    }

    private static DiscoveredCommit commit(String id, String tag, Instant created) {
        return new DiscoveredCommit("https://git.example.com/app.git", id, "", tag, "subject", "a <a@x>", "c <c@x>",
                created);
    }

    @Test
    void gitTagStrategiesRefuseOlderTagsByTheirOwnOrder() {
        Instant seen = Instant.parse("2024-11-14T15:30:45Z");
        assertThat(DowngradeGuard.check(git(CommitSelectionStrategy.SemVer), commit("c1", "v1.9.0", null),
                new NewestSeen("v1.10.0", null))).hasValueSatisfying(m -> assertThat(m).contains("older than v1.10.0"));
        assertThat(DowngradeGuard.check(git(CommitSelectionStrategy.SemVer), commit("c1", "v1.11.0", null),
                new NewestSeen("v1.10.0", null))).isEmpty();
        assertThat(DowngradeGuard.check(git(CommitSelectionStrategy.Lexical), commit("c1", "b-1", null),
                new NewestSeen("b-2", null))).isPresent();
        assertThat(DowngradeGuard.check(git(CommitSelectionStrategy.NewestTag), commit("c1", "x", seen.minusSeconds(1)),
                NewestSeen.of(commit("c2", "y", seen)))).isPresent();
        assertThat(DowngradeGuard.check(git(CommitSelectionStrategy.NewestTag), commit("c1", "x", seen.plusSeconds(1)),
                NewestSeen.of(commit("c2", "y", seen)))).isEmpty();
    }

    @Test
    void aBranchThatMovedBackIsFollowed() {
        assertThat(DowngradeGuard.check(git(CommitSelectionStrategy.NewestFromBranch), commit("older", "", null),
                new NewestSeen("newer", null))).isEmpty();
    }
}
