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
        return compare(a.getMajor(), a.getMinor(), a.getPatch(), a.getPreRelease(),
                b.getMajor(), b.getMinor(), b.getPatch(), b.getPreRelease());
    }

    /** As {@link #compare(Semver, Semver)}, for versions read without semver4j. */
    public static int compare(Version a, Version b) {
        return compare(a.major(), a.minor(), a.patch(), a.preRelease(), b.major(), b.minor(), b.patch(), b.preRelease());
    }

    private static int compare(int aMajor, int aMinor, int aPatch, List<String> aPreRelease,
                               int bMajor, int bMinor, int bPatch, List<String> bPreRelease) {
        int result = Integer.compare(aMajor, bMajor);
        if (result == 0) {
            result = Integer.compare(aMinor, bMinor);
        }
        if (result == 0) {
            result = Integer.compare(aPatch, bPatch);
        }
        return result != 0 ? result : comparePreReleases(aPreRelease, bPreRelease);
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
        boolean aNumeric = SemverTags.isNumeric(a);
        boolean bNumeric = SemverTags.isNumeric(b);
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
}
