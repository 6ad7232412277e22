package io.jenkins.plugins.kargo.tags;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.semver.SemverRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagOrderTest {

    private static final SemverRange ANY = SemverRange.parse("");

    @Test
    void ordersTheSeedsTagsStableOverBetaOverAlpha() {
        // services-warehouse.yaml: semverConstraint >=1.0.0-alpha with the alpha/beta/stable allow patterns
        List<String> tags = List.of("v1.2.3-alpha.20241114153045", "latest", "v1.2.3", "v0.9.0", "v1.2.3-beta.1",
                "v1.2.3-rc.1", "sha-4f2a9c1", "1.2.4");
        TagFilter filter = TagFilter.of(TagFilterTest.SEED_PATTERNS, List.of());

        List<String> ordered = TagOrder.bySemver(tags, filter, SemverRange.parse(">=1.0.0-alpha"), true);

        assertThat(ordered).containsExactly("v1.2.3", "v1.2.3-beta.1", "v1.2.3-alpha.20241114153045");
    }

    @Test
    void ordersPreReleasesOfDifferentVersionsByPrecedence() {
        List<String> tags = List.of("v1.2.3-alpha.20241114153045", "v1.3.0-alpha.1", "v1.2.3-alpha.20241114153046",
                "v1.2.2", "v1.2.3-beta.1");

        List<String> ordered = TagOrder.bySemver(tags, TagFilter.allowAll(), SemverRange.parse(">=1.0.0-alpha"), true);

        assertThat(ordered).containsExactly("v1.3.0-alpha.1", "v1.2.3-beta.1", "v1.2.3-alpha.20241114153046",
                "v1.2.3-alpha.20241114153045", "v1.2.2");
    }

    @Test
    void aRangeWithoutPreReleaseKeepsOnlyReleases() {
        List<String> tags = List.of("v2.0.0-rc.1", "v1.9.0", "v1.10.0", "v2.0.0", "v3.0.0");

        List<String> ordered = TagOrder.bySemver(tags, TagFilter.allowAll(), SemverRange.parse("^1 || 2.0.x"), true);

        assertThat(ordered).containsExactly("v2.0.0", "v1.10.0", "v1.9.0");
    }

    @Test
    void equalVersionsAreOrderedByTheirStringGreatestFirst() {
        // Kargo breaks ties with the original strings (semver_selector.go): "v1.0.0" > "1.0.0+b" > "1.0.0"
        List<String> tags = List.of("1.0.0", "v1.0.0", "1.0.0+b", "0.9.0");

        assertThat(TagOrder.bySemver(tags, TagFilter.allowAll(), ANY, true))
                .containsExactly("v1.0.0", "1.0.0+b", "1.0.0", "0.9.0");
    }

    @Test
    void strictSemversSkipsShortVersionsThatLenientReadingKeeps() {
        List<String> tags = List.of("1.2", "v2", "1.1.0", "latest");

        assertThat(TagOrder.bySemver(tags, TagFilter.allowAll(), ANY, true)).containsExactly("1.1.0");
        assertThat(TagOrder.bySemver(tags, TagFilter.allowAll(), ANY, false)).containsExactly("v2", "1.2", "1.1.0");
    }

    @Test
    void theEmptyRangeLetsPreReleasesWinAsInKargo() {
        List<String> tags = List.of("v1.0.0", "v1.1.0-rc.1");

        assertThat(TagOrder.bySemver(tags, TagFilter.allowAll(), ANY, true)).containsExactly("v1.1.0-rc.1", "v1.0.0");
    }

    @Test
    void lexicalOrderIsReverseStringOrderOfTheAllowedTags() {
        List<String> tags = List.of("build-9", "build-10", "nightly-2024-11-14", "build-11", "nightly-2024-11-15");
        TagFilter nightlies = TagFilter.of(List.of("^nightly-"), List.of());

        assertThat(TagOrder.lexical(tags, nightlies)).containsExactly("nightly-2024-11-15", "nightly-2024-11-14");
        assertThat(TagOrder.lexical(tags, TagFilter.allowAll())).containsExactly("nightly-2024-11-15",
                "nightly-2024-11-14", "build-9", "build-11", "build-10");
    }

    @Test
    void emptyInputGivesEmptyOrder() {
        assertThat(TagOrder.bySemver(List.of(), TagFilter.allowAll(), ANY, true)).isEmpty();
        assertThat(TagOrder.lexical(List.of(), TagFilter.allowAll())).isEmpty();
    }
}
