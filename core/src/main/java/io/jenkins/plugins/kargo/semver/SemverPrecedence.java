package io.jenkins.plugins.kargo.semver;

import java.util.Comparator;
import java.util.List;
import org.semver4j.Semver;

/**
 * SemVer 2.0 precedence (semver.org, item 11), the order Masterminds semver and therefore Kargo use. Build metadata
 * is ignored.
 *
 * <p>semver4j's own {@code compareTo} differs on two points that change which tag Kargo would select: it compares
 * digits inside alphanumeric identifiers as numbers ({@code rc10 > rc9}, where SemVer compares ASCII and gets
 * {@code rc10 < rc9}), and it parses numeric identifiers into a {@code long}, which overflows on long ones. Numeric
 * identifiers here are compared by length and then digit by digit, so any size works.
 */
public final class SemverPrecedence {

    /** Lowest precedence first. */
    public static final Comparator<Semver> ASCENDING = SemverPrecedence::compare;

    private SemverPrecedence() {
    }

    /** Negative, zero or positive as {@code a} has lower, equal or higher precedence than {@code b}. */
    public static int compare(Semver a, Semver b) {
        int result = Integer.compare(a.getMajor(), b.getMajor());
        if (result == 0) {
            result = Integer.compare(a.getMinor(), b.getMinor());
        }
        if (result == 0) {
            result = Integer.compare(a.getPatch(), b.getPatch());
        }
        return result != 0 ? result : comparePreReleases(a.getPreRelease(), b.getPreRelease());
    }

    private static int comparePreReleases(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            // a release ranks above every pre-release of the same version
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int result = compareIdentifiers(a.get(i), b.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareIdentifiers(String a, String b) {
        boolean aNumeric = isNumeric(a);
        boolean bNumeric = isNumeric(b);
        if (aNumeric && bNumeric) {
            // numeric identifiers have no leading zeros, so the longer one is the larger number
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : Integer.signum(a.compareTo(b));
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return Integer.signum(a.compareTo(b));
    }

    private static boolean isNumeric(String identifier) {
        return identifier.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
