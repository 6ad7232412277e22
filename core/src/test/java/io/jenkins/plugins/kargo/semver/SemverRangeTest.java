package io.jenkins.plugins.kargo.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.semver4j.Semver;

class SemverRangeTest {

    private static Semver version(String text) {
        return SemverTags.parse(text, false).orElseThrow(() -> new AssertionError("not a version: " + text));
    }

    /** The table in the project's Kargo reference, section 0 (Kargo's answers, measured against semver4j). */
    @ParameterizedTest(name = "{0} admits {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        ">=1.0.0-alpha;              1.3.0-alpha.1;  true",
        ">=1.0.0-alpha;              1.2.3-beta.1;   true",
        ">=1.0.0-alpha;              1.0.0-alpha.10; true",
        ">=1.0.0-alpha;              0.9.0;          false",
        ">=1.0.0-beta || >=1.0.0;    1.2.3-alpha.1;  true",
        ">=1.0.0-beta || >=1.0.0;    1.0.0-alpha.10; false",
        ">=1.0.0;                    1.3.0-alpha.1;  false",
    })
    void answersAsKargoDoes(String range, String version, boolean admitted) {
        assertThat(SemverRange.parse(range).admits(version(version))).isEqualTo(admitted);
    }

    /** Rows of Masterminds semver's TestConstraintsCheck (constraints_test.go), the library Kargo uses. */
    @ParameterizedTest(name = "{0} admits {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "*;                                   1.2.3;        true",
        "~0.0.0;                              1.2.3;        true",
        "0.x.x;                               1.2.3;        false",
        "0.0.x;                               1.2.3;        false",
        "0.0.0;                               1.2.3;        false",
        "^0.0.0;                              1.2.3;        false",
        "= 2.0;                               1.2.3;        false",
        "= 2.0;                               2.0.0;        true",
        "4.1;                                 4.1.0;        true",
        "4.1.x;                               4.1.3;        true",
        "1.x;                                 1.4;          true",
        "!=4.1;                               4.1.0;        false",
        "!=4.1-alpha;                         4.1.0-alpha;  false",
        "!=4.1-alpha;                         4.1.1-alpha;  false",
        "!=4.1-alpha;                         4.1.0;        true",
        "!=4.1;                               5.1.0;        true",
        "!=4.x;                               5.1.0;        true",
        "!=4.x;                               4.1.0;        false",
        "!=4.1.x;                             4.2.0;        true",
        "!=4.2.x;                             4.2.3;        false",
        ">1.1;                                4.1.0;        true",
        ">1.1;                                1.1.0;        false",
        "<1.1;                                0.1.0;        true",
        "<1.1;                                1.1.0;        false",
        "<1.1;                                1.1.1;        false",
        "<1.x;                                1.1.1;        false",
        "<1.x;                                0.1.1;        true",
        "<1.x;                                2.0.0;        false",
        "<1.1.x;                              1.2.1;        false",
        "<1.1.x;                              1.1.500;      false",
        "<1.1.x;                              1.0.500;      true",
        "<1.2.x;                              1.1.1;        true",
        ">=1.1;                               4.1.0;        true",
        ">=1.1;                               4.1.0-beta;   false",
        ">=1.1;                               1.1.0;        true",
        ">=1.1;                               0.0.9;        false",
        "<=1.1;                               0.1.0;        true",
        "<=1.1;                               0.1.0-alpha;  false",
        "<=1.1-a;                             0.1.0-alpha;  true",
        "<=1.1;                               1.1.0;        true",
        "<=1.x;                               1.1.0;        true",
        "<=2.x;                               3.0.0;        false",
        "<=1.1;                               1.1.1;        true",
        "<=1.1.x;                             1.2.500;      false",
        "<=4.5;                               3.4.0;        true",
        "<=4.5;                               3.7.0;        true",
        "<=4.5;                               4.6.3;        false",
        ">1.1, <2;                            1.1.1;        false",
        ">1.1, <2;                            1.2.1;        true",
        ">1.1, <3;                            4.3.2;        false",
        ">=1.1, <2, !=1.2.3;                  1.2.3;        false",
        ">1.1 <2;                             1.1.1;        false",
        ">1.1 <2;                             1.2.1;        true",
        ">1.1    <3;                          4.3.2;        false",
        ">=1.1, <2, !=1.2.3 || > 3;           4.1.2;        true",
        ">=1.1, <2, !=1.2.3 || > 3;           3.1.2;        false",
        ">=1.1, <2, !=1.2.3 || >= 3;          3.0.0;        true",
        ">=1.1, <2, !=1.2.3 || > 3;           3.0.0;        false",
        ">=1.1, <2, !=1.2.3 || > 3;           1.2.3;        false",
        ">= 1.1 <2 != 1.2.3 || > 3;           4.1.2;        true",
        "> 1.1, <     2;                      1.1.1;        false",
        ">   1.1, <2;                         1.2.1;        true",
        ">=1.1    < 2    != 1.2.3;            1.2.3;        false",
        ">= 1.0.0  <= 2.0.0-beta;             1.0.1-beta;   true",
        ">= 1.0.0  <= 2.0.0-beta;             1.0.1;        true",
        ">= 1.0.0  <= 2.0.0-beta;             3.0.0;        false",
        ">= 1.0.0  <= 2.0.0-beta || > 3;      1.0.1-beta;   true",
        ">= 1.0.0  <= 2.0.0-beta || > 3;      3.0.1-beta;   false",
        ">= 1.0.0  <= 2.0.0-beta != 1.0.1 || > 3;       1.0.1-beta; true",
        ">= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3;  1.0.1-beta; false",
        ">= 1.0.0-0  <= 2.0.0;                1.0.1-beta;   true",
        "1.1 - 2;                             1.1.1;        true",
        "1.5.0 - 4.5;                         3.7.0;        true",
        "1.1-3;                               4.3.2;        false",
        "^1.1;                                1.1.1;        true",
        "^1.1;                                4.3.2;        false",
        "^1.x;                                1.1.1;        true",
        "^2.x;                                1.1.1;        false",
        "^1.x;                                2.1.1;        false",
        "^1.x;                                1.1.1-beta1;  false",
        "^1.1.2-alpha;                        1.2.1-beta1;  true",
        "^1.2.x-alpha;                        1.1.1-beta1;  false",
        "^0.0.1;                              0.0.1;        true",
        "^0.0.1;                              0.3.1;        false",
        "~*;                                  2.1.1;        true",
        "~1;                                  2.1.1;        false",
        "~1;                                  1.3.5;        true",
        "~1;                                  1.4;          true",
        "~1.x;                                2.1.1;        false",
        "~1.x;                                1.3.5;        true",
        "~1.1;                                1.1.1;        true",
        "~1.1;                                1.1.1-alpha;  false",
        "~1.1-alpha;                          1.1.1-beta;   true",
        "~1.1.1-beta;                         1.1.1-alpha;  false",
        "~1.1.1-beta;                         1.1.1;        true",
        "~1.2.3;                              1.2.5;        true",
        "~1.2.3;                              1.2.2;        false",
        "~1.2.3;                              1.3.2;        false",
        "~1.1;                                1.2.3;        false",
        "~1.3;                                2.4.5;        false",
        "1.0.0 - 2.0.0 <=2.0.0;               1.5.0;        true",
        "1.0.0 - 2.0.0, <=2.0.0;              1.5.0;        true",
        "^1.2.3;                              1.8.9;        true",
        "^1.2.3;                              2.8.9;        false",
        "^1.2.3;                              1.2.1;        false",
        "^1.2.0;                              1.2.1-alpha.1; false",
        "^1.2.0-alpha.0;                      1.2.1-alpha.1; true",
        "^1.2.0-alpha.2;                      1.2.0-alpha.1; false",
        "^0.2.3;                              0.2.5;        true",
        "^0.2.3;                              0.5.6;        false",
        "^0.0.3;                              0.0.4;        false",
        "^0.0;                                0.0.3;        true",
        "^0.0;                                0.1.4;        false",
        "^0;                                  0.2.3;        true",
        "^0;                                  1.1.4;        false",
        "^0.2.3-beta.2;                       0.2.4-beta.2; true",
        "^0.2.3-beta.2;                       0.3.4-beta.2; false",
    })
    void answersAsMastermindsDoes(String range, String version, boolean admitted) {
        assertThat(SemverRange.parse(range).admits(version(version))).isEqualTo(admitted);
    }

    @Test
    void aPreReleaseInOneComparisonOpensItsWholeAlternativeToPreReleases() {
        // Masterminds v3.4+ ("handle pre-releases for an and group"), which Kargo pins at v3.5.0
        SemverRange range = SemverRange.parse(">=1.0.0-alpha <2.0.0");
        assertThat(range.admits(version("1.5.0-beta.1"))).isTrue();
        assertThat(range.admits(version("2.0.0-alpha.1"))).as("precedes 2.0.0").isTrue();
        assertThat(range.admits(version("2.0.0"))).isFalse();

        SemverRange twoAlternatives = SemverRange.parse(">=1.0.0-alpha <2.0.0 || >=3.0.0");
        assertThat(twoAlternatives.admits(version("1.5.0-beta.1"))).isTrue();
        assertThat(twoAlternatives.admits(version("3.1.0-beta.1"))).as("the second alternative names none").isFalse();
        assertThat(twoAlternatives.admits(version("3.1.0"))).isTrue();
    }

    @Test
    void preReleasesOfAnyVersionCompareByPrecedence() {
        SemverRange range = SemverRange.parse(">=1.0.0-alpha");
        assertThat(range.admits(version("10.0.0-alpha.1"))).isTrue();
        assertThat(range.admits(version("1.2.3-alpha.20241114153045"))).isTrue();
        assertThat(range.admits(version("1.0.0-0"))).as("numeric identifiers rank below alphanumeric").isFalse();
        assertThat(range.admits(version("1.0.0"))).isTrue();
    }

    @Test
    void hugeNumericPreReleaseIdentifiersCompareWithoutOverflow() {
        SemverRange range = SemverRange.parse(">1.0.0-alpha.20241114153045");
        assertThat(range.admits(version("1.0.0-alpha.20241114153046"))).isTrue();
        assertThat(range.admits(version("1.0.0-alpha.20241114153044"))).isFalse();
        assertThat(range.admits(version("1.0.0-alpha.123456789012345678901234567890"))).isTrue();
    }

    @Test
    void theEmptyRangeAdmitsEveryVersionIncludingPreReleasesAsKargoDoes() {
        SemverRange empty = SemverRange.parse("");
        assertThat(empty.admits(version("0.0.1"))).isTrue();
        assertThat(empty.admits(version("1.2.3-alpha.1"))).isTrue();
        assertThat(empty.expression()).isEmpty();
        assertThat(empty.namesPreRelease()).isFalse();
        assertThat(SemverRange.parse("   ")).isEqualTo(empty);
    }

    @Test
    void tellsWhetherAnyComparisonNamesAPreRelease() {
        assertThat(SemverRange.parse(">=1.0.0-beta || >=1.0.0").namesPreRelease()).isTrue();
        assertThat(SemverRange.parse(">=1.0.0 <2.0.0-0").namesPreRelease()).isTrue();
        assertThat(SemverRange.parse(">=1.0.0 || ^2").namesPreRelease()).isFalse();
        assertThat(SemverRange.parse("1.2.3+build.7").namesPreRelease()).isFalse();
    }

    @Test
    void acceptsLeadingVAndEveryOperatorSpelling() {
        assertThat(SemverRange.parse(">=v1.2.3").admits(version("1.2.3"))).isTrue();
        assertThat(SemverRange.parse("=>1.2.3").admits(version("1.2.3"))).isTrue();
        assertThat(SemverRange.parse("=<1.2.3").admits(version("1.2.4"))).isFalse();
        assertThat(SemverRange.parse("~>1.2").admits(version("1.2.9"))).isTrue();
        assertThat(SemverRange.parse("~>1.2").admits(version("1.3.0"))).isFalse();
        assertThat(SemverRange.parse("=1.2.3").admits(version("1.2.3"))).isTrue();
        assertThat(SemverRange.parse("1.2.3+build.1").admits(version("1.2.3+other"))).as("build is ignored").isTrue();
        assertThat(SemverRange.parse("1.2.X").admits(version("1.2.7"))).isTrue();
    }

    @Test
    void xRangesReadAsMastermindsReadsThem() {
        assertThat(SemverRange.parse(">1.2").admits(version("1.2.9"))).isFalse();
        assertThat(SemverRange.parse(">1.2").admits(version("1.3.0"))).isTrue();
        assertThat(SemverRange.parse("<=1.2").admits(version("1.2.9"))).isTrue();
        assertThat(SemverRange.parse("<=1.2").admits(version("1.3.0"))).isFalse();
        assertThat(SemverRange.parse(">1").admits(version("1.9.9"))).isFalse();
        assertThat(SemverRange.parse(">1").admits(version("2.0.0"))).isTrue();
        assertThat(SemverRange.parse("<2").admits(version("1.99.0"))).isTrue();
    }

    @Test
    void keepsTheExpressionAsWritten() {
        SemverRange range = SemverRange.parse("  ^1.2 || ~2.0.1 ");
        assertThat(range.expression()).isEqualTo("^1.2 || ~2.0.1");
        assertThat(range).hasToString("^1.2 || ~2.0.1").isEqualTo(SemverRange.parse("^1.2 || ~2.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {">=", ">>1.0.0", "1.2.3 ||", "|| 1.2.3", "1.2.3,", "latest", ">=1.0.0<2.0.0", "1.2.3.4",
        ">= 1.0 - 2.0", "~1.2.3abc", "> = 1.0.0"})
    void refusesWhatMastermindsRefuses(String range) {
        assertThatThrownBy(() -> SemverRange.parse(range))
                .isInstanceOf(InvalidSemverRangeException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid semver range \"" + range.strip() + "\": ")
                .hasMessageContaining("a valid range looks like \">=1.2.0 <2.0.0\"")
                .satisfies(e -> assertThat(((InvalidSemverRangeException) e).expression()).isEqualTo(range.strip()));
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> SemverRange.parse(">=1.0.0 || latest"))
                .hasMessageContaining("cannot read \"latest\" as a comparison");
        assertThatThrownBy(() -> SemverRange.parse(">=1.0.0 ||"))
                .hasMessageContaining("an alternative next to \"||\" is empty")
                .satisfies(e -> assertThat(((InvalidSemverRangeException) e).problem())
                        .isEqualTo("an alternative next to \"||\" is empty; write a comparison on each side of \"||\""));
        assertThatThrownBy(() -> SemverRange.parse(">=1.0.0-01"))
                .hasMessageContaining("\">=1.0.0-01\" has an invalid pre-release or build part");
        assertThatThrownBy(() -> SemverRange.parse(">=99999999999.0.0"))
                .hasMessageContaining("the number 99999999999 in \">=99999999999.0.0\" is too large");
        assertThatThrownBy(() -> SemverRange.parse(">=1.0.0 ".repeat(200)))
                .hasMessageContaining("more than the 1024 allowed");
    }
}
