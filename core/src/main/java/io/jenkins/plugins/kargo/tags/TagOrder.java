package io.jenkins.plugins.kargo.tags;

import io.jenkins.plugins.kargo.semver.SemverPrecedence;
import io.jenkins.plugins.kargo.semver.SemverRange;
import io.jenkins.plugins.kargo.semver.SemverTags;
import io.jenkins.plugins.kargo.semver.Version;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The orders in which Kargo's tag-based strategies consider tags, best candidate first. Also used for chart and
 * package versions, which are tags without patterns.
 */
public final class TagOrder {

    /** Highest precedence first; equal versions ({@code v1.0.0}, {@code 1.0.0}) by the tag string, greatest first. */
    private static final Comparator<ParsedTag> NEWEST_FIRST = Comparator
            .comparing(ParsedTag::version, SemverPrecedence::compare)
            .thenComparing(ParsedTag::tag)
            .reversed();

    private TagOrder() {
    }

    /**
     * The SemVer strategy ({@code pkg/image/semver_selector.go}): keep the tags the filter allows, that parse as
     * semantic versions and that the range admits; sort them by descending precedence.
     *
     * @param strict only {@code X.Y.Z} (with an optional leading {@code v}) counts as a semantic version
     */
    public static List<String> bySemver(Collection<String> tags, TagFilter filter, SemverRange range,
                                        boolean strict) {
        // Only a constraint needs semver4j's values; reading and ordering do without them (10,000 tags in a few ms).
        List<ParsedTag> parsed = new ArrayList<>(tags.size());
        for (String tag : tags) {
            if (filter.allows(tag)) {
                SemverTags.read(tag, strict).filter(v -> range.admitsAll() || range.admits(v.semver()))
                        .ifPresent(version -> parsed.add(new ParsedTag(tag, version)));
            }
        }
        return parsed.stream()
                .sorted(NEWEST_FIRST)
                .map(ParsedTag::tag)
                .toList();
    }

    /** The Lexical strategy ({@code pkg/image/lexical_selector.go}): the allowed tags, greatest string first. */
    public static List<String> lexical(Collection<String> tags, TagFilter filter) {
        return tags.stream()
                .filter(filter::allows)
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    private record ParsedTag(String tag, Version version) {
    }
}
