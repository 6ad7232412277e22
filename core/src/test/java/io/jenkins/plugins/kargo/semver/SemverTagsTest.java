package io.jenkins.plugins.kargo.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.semver4j.Semver;

class SemverTagsTest {

    /** Kargo's pkg/controller/semver/parser_test.go, plus Masterminds NewVersion / StrictNewVersion rules. */
    @ParameterizedTest(name = "{0}: strict={1} lenient={2}")
    @CsvSource(nullValues = "-", value = {
        "1.0.0,                        1.0.0,                        1.0.0",
        "v1.0.0,                       1.0.0,                        1.0.0",
        "1,                            -,                            1.0.0",
        "v1,                           -,                            1.0.0",
        "1.2,                          -,                            1.2.0",
        "v1.2-rc.1,                    -,                            1.2.0-rc.1",
        "01.2.3,                       -,                            1.2.3",
        "1.02.3,                       -,                            1.2.3",
        "v1.2.3-alpha.20241114153045,  1.2.3-alpha.20241114153045,   1.2.3-alpha.20241114153045",
        "v1.2.3-beta.1+build.5,        1.2.3-beta.1+build.5,         1.2.3-beta.1+build.5",
        "1.2.3-alpha.01,               -,                            -",
        "1.2.3-,                       -,                            -",
        "1.2.3-alpha..1,               -,                            -",
        "invalid,                      -,                            -",
        "latest,                       -,                            -",
        "V1.2.3,                       -,                            -",
        "vv1.2.3,                      -,                            -",
        "1.2.3.4,                      -,                            -",
        "' 1.2.3',                     -,                            -",
        "1.2.3_build,                  -,                            -",
        "3000000000.0.0,               -,                            -",
    })
    void readsTagsAsKargoDoes(String tag, String strict, String lenient) {
        assertThat(SemverTags.parse(tag, true).map(Semver::getVersion)).isEqualTo(Optional.ofNullable(strict));
        assertThat(SemverTags.parse(tag, false).map(Semver::getVersion)).isEqualTo(Optional.ofNullable(lenient));
    }
}
