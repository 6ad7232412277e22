package io.jenkins.plugins.kargo.semver;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Reads a tag or version string as a semantic version the way Kargo does ({@code pkg/controller/semver/parser.go}).
 *
 * <p>Lenient reading is Masterminds' {@code NewVersion}: an optional leading {@code v}, minor and patch may be
 * missing ({@code v1} is 1.0.0, {@code 1.2} is 1.2.0) and leading zeros are dropped ({@code 01.2.3} is 1.2.3).
 * Strict reading (Kargo's {@code strictSemvers}, on by default for images) additionally requires a full
 * {@code X.Y.Z} without leading zeros, still with an optional leading {@code v}.
 */
public final class SemverTags {

    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern LENIENT = Pattern.compile(
            "v?([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?(?:-(" + IDENTIFIERS + "))?(?:\\+(" + IDENTIFIERS + "))?");

    private SemverTags() {
    }

    /**
     * @param tag    a tag or version as found in a registry
     * @param strict require a full {@code X.Y.Z} (Kargo's {@code strictSemvers})
     * @return the version, or empty when the tag is not a semantic version (or, lenient only, has a major, minor or
     *         patch number above {@value Integer#MAX_VALUE}, which semver4j cannot hold)
     */
    public static Optional<Semver> parse(String tag, boolean strict) {
        return read(tag, strict).map(Version::semver);
    }

    /**
     * As {@link #parse}, without building the semver4j value: the same tags are accepted (semver4j's rules are
     * checked here: numbers that fit an {@code int}, numeric pre-release identifiers without leading zeros).
     */
    public static Optional<Version> read(String tag, boolean strict) {
        Matcher m = LENIENT.matcher(tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        String major = m.group(1);
        String minor = m.group(2);
        String patch = m.group(3);
        if (strict && (minor == null || patch == null
                || hasLeadingZero(major) || hasLeadingZero(minor) || hasLeadingZero(patch))) {
            return Optional.empty();
        }
        List<String> preRelease = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.", -1));
        for (String identifier : preRelease) {
            if (isNumeric(identifier) && hasLeadingZero(identifier)) {
                return Optional.empty();
            }
        }
        int majorNumber;
        int minorNumber;
        int patchNumber;
        try {
            majorNumber = Integer.parseInt(major);
            minorNumber = minor == null ? 0 : Integer.parseInt(minor);
            patchNumber = patch == null ? 0 : Integer.parseInt(patch);
        } catch (NumberFormatException e) {
            return Optional.empty(); // above Integer.MAX_VALUE
        }
        StringBuilder canonical = new StringBuilder().append(majorNumber).append('.').append(minorNumber).append('.')
                .append(patchNumber);
        if (m.group(4) != null) {
            canonical.append('-').append(m.group(4));
        }
        if (m.group(5) != null) {
            canonical.append('+').append(m.group(5));
        }
        return Optional.of(new Version(majorNumber, minorNumber, patchNumber, preRelease, canonical.toString()));
    }

    static boolean isNumeric(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !identifier.isEmpty();
    }

    private static boolean hasLeadingZero(String number) {
        return number.length() > 1 && number.charAt(0) == '0';
    }
}
