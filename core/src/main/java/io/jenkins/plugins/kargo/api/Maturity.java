package io.jenkins.plugins.kargo.api;

import io.jenkins.plugins.kargo.semver.SemverTags;
import java.util.Locale;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * How mature a version is, as the seed's tags say it: {@code -alpha...}, {@code -beta...} pre-releases or a plain
 * release. Written in lower case in YAML ({@code maturity: [beta, stable]}).
 */
public enum Maturity {
    ALPHA, BETA, STABLE;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The maturity of a version: {@link #STABLE} without a pre-release; {@link #BETA} when the pre-release starts
     * with {@code beta} or {@code rc} (any case: {@code -beta.1}, {@code -RC2}); {@link #ALPHA} for every other
     * pre-release ({@code -alpha.1}, {@code -SNAPSHOT}, {@code -20241114}), since anything not called a beta or a
     * release candidate is less mature than one.
     */
    public static Maturity of(Semver version) {
        if (version.getPreRelease().isEmpty()) {
            return STABLE;
        }
        String first = version.getPreRelease().get(0).toLowerCase(Locale.ROOT);
        return first.startsWith("beta") || first.startsWith("rc") ? BETA : ALPHA;
    }

    /** The maturity of a tag or version as a registry gives it; empty when it is not a semantic version. */
    public static Optional<Maturity> of(String version) {
        return version == null ? Optional.empty() : SemverTags.parse(version, false).map(Maturity::of);
    }

    /** A maturity as YAML and the web API spell it ({@code alpha}, {@code beta}, {@code stable}), any case. */
    public static Optional<Maturity> named(String name) {
        for (Maturity m : values()) {
            if (m.yamlName().equalsIgnoreCase(name.strip())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
