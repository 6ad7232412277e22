package io.jenkins.plugins.kargo.api;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.semver4j.range.RangeListFactory;

/** Checks of the small languages inside fields: semver ranges and tag patterns, as discovery will apply them. */
final class ConstraintChecks {

    private ConstraintChecks() {
    }

    /** Reports a range discovery could not apply; returns whether it is valid. */
    static boolean semverRange(ConfigNode at, String range) {
        try {
            RangeListFactory.create(range);
            return true;
        } catch (RuntimeException e) {
            at.error("'" + range + "' is not a valid semver range: " + e.getMessage(),
                    "write a range such as \">=1.0.0\", \"^1.2\" or \">=1.0.0-alpha\" (use || between alternatives)");
            return false;
        }
    }

    /** Reports a tag pattern discovery could not apply; returns whether it is valid. */
    static boolean tagPattern(ConfigNode at, String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            at.error("'" + regex + "' is not a valid regular expression (RE2 syntax): " + e.getDescription(),
                    "correct the pattern; backslashes inside double quotes must be doubled (\"^v[0-9]+\\\\.[0-9]+$\")");
            return false;
        }
    }
}
