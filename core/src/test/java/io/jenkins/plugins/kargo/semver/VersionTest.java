package io.jenkins.plugins.kargo.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

/** Reading a tag without semver4j accepts exactly what semver4j accepts, and orders as semver4j's values do. */
class VersionTest {

    private static final List<String> TAGS = List.of("1.0.0", "v1.2.3", "1.0.0-0a", "1.0.0-rc.1+build.01",
            "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0--", "1.0.0-rc.10", "1.0.0-rc.9", "2147483647.0.0", "01.2.3", "1.2",
            "v1", "1.0.0-01", "1.0.0-rc.01", "2147483648.0.0", "1.0.0-", "1.0.0+", "1.0.0-a..b", "1.0", "latest");

    @Test
    void readAcceptsWhatSemver4jAccepts() {
        for (boolean strict : List.of(true, false)) {
            for (String tag : TAGS) {
                Optional<Version> read = SemverTags.read(tag, strict);
                assertThat(read.map(v -> Semver.parse(v.canonical()))).as(tag + (strict ? " strict" : " lenient"))
                        .isEqualTo(SemverTags.parse(tag, strict));
                read.ifPresent(v -> assertThat(v.semver()).isNotNull());
            }
        }
        assertThat(SemverTags.read("1.0.0-01", false)).as("zero-padded numeric pre-release").isEmpty();
        assertThat(SemverTags.read("2147483648.0.0", false)).as("above an int").isEmpty();
        assertThat(SemverTags.read("01.2.3", true)).isEmpty();
        assertThat(SemverTags.read("01.2.3", false).orElseThrow().canonical()).isEqualTo("1.2.3");
        assertThat(SemverTags.read("v1", false).orElseThrow().canonical()).isEqualTo("1.0.0");
    }

    @Test
    void precedenceOfReadVersionsIsThatOfSemver4jValues() {
        List<Version> versions = TAGS.stream().flatMap(t -> SemverTags.read(t, false).stream()).toList();
        assertThat(versions).hasSizeGreaterThan(10);
        for (Version a : versions) {
            for (Version b : versions) {
                assertThat(Integer.signum(SemverPrecedence.compare(a, b)))
                        .as(a.canonical() + " vs " + b.canonical())
                        .isEqualTo(Integer.signum(SemverPrecedence.compare(a.semver(), b.semver())));
            }
        }
    }
}
