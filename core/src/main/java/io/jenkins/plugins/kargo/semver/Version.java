package io.jenkins.plugins.kargo.semver;

import java.util.List;
import org.semver4j.Semver;

/**
 * A tag read as a semantic version ({@link SemverTags#read}): the parts precedence needs, without building a
 * semver4j {@link Semver}, which parses the text a second time. Ordering 10,000 tags needs only these; a
 * constraint needs the {@link #semver()}.
 *
 * @param canonical the version as semver4j reads it: no leading {@code v}, minor and patch filled in, no leading zeros
 */
public record Version(int major, int minor, int patch, List<String> preRelease, String canonical) {

    public Version {
        preRelease = List.copyOf(preRelease);
    }

    /** The semver4j value of this version, for constraints. */
    public Semver semver() {
        Semver semver = Semver.parse(canonical);
        if (semver == null) {
            throw new IllegalStateException("SemverTags accepted '" + canonical + "', which semver4j refuses");
        }
        return semver;
    }
}
