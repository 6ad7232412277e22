package io.jenkins.plugins.kargo.api;

import io.jenkins.plugins.kargo.semver.InvalidSemverRangeException;
import io.jenkins.plugins.kargo.semver.SemverRange;
import io.jenkins.plugins.kargo.tags.InvalidTagPatternException;
import io.jenkins.plugins.kargo.tags.TagFilter;
import java.util.Optional;

/**
 * Checks of the small languages inside fields, by the same code discovery applies them with, so that what passes
 * here cannot fail there: semver ranges ({@link SemverRange}) and RE2 patterns ({@link TagFilter}, which also refuses
 * patterns too large to compile safely).
 */
final class ConstraintChecks {

    private ConstraintChecks() {
    }

    /** The range, or empty after reporting why discovery could not apply it. */
    static Optional<SemverRange> semverRange(ConfigNode at, String range) {
        try {
            return Optional.of(SemverRange.parse(range));
        } catch (InvalidSemverRangeException e) {
            at.error(e.getMessage(), "write a range such as \">=1.0.0\", \"^1.2\" or \">=1.0.0-alpha\" "
                    + "(spaces or commas between comparisons that must all hold, || between alternatives)");
            return Optional.empty();
        }
    }

    /** Reports a pattern discovery could not apply (bad RE2 syntax, or catastrophic size); returns whether valid. */
    static boolean regex(ConfigNode at, String regex) {
        try {
            TagFilter.validate(regex);
            return true;
        } catch (InvalidTagPatternException e) {
            at.error(e.getMessage(), "correct the pattern; inside double quotes a backslash is written twice "
                    + "(\"^v[0-9]+\\\\.[0-9]+$\")");
            return false;
        }
    }
}
