package io.jenkins.plugins.kargo.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

class SemverPrecedenceTest {

    @Test
    void ordersTheSpecificationsExample() {
        // semver.org 2.0.0, item 11
        List<String> ascending = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0");
        List<Semver> shuffled = new ArrayList<>(ascending.stream().map(Semver::new).toList());
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 2, 7);

        shuffled.sort(SemverPrecedence.ASCENDING);

        assertThat(shuffled).extracting(Semver::getVersion).containsExactlyElementsOf(ascending);
    }

    @Test
    void comparesAlphanumericIdentifiersInAsciiOrderAsKargoDoes() {
        // semver4j's compareTo says rc10 > rc9; SemVer and Masterminds compare the identifiers as ASCII strings
        assertThat(SemverPrecedence.compare(new Semver("1.0.0-rc9"), new Semver("1.0.0-rc10"))).isPositive();
        assertThat(SemverPrecedence.compare(new Semver("1.0.0-Beta"), new Semver("1.0.0-alpha"))).isNegative();
    }

    @Test
    void comparesNumericIdentifiersOfAnySize() {
        Semver date = new Semver("1.2.3-alpha.20241114153045");
        Semver nextSecond = new Semver("1.2.3-alpha.20241114153046");
        Semver huge = new Semver("1.2.3-alpha.123456789012345678901234567890");
        assertThat(SemverPrecedence.compare(date, nextSecond)).isNegative();
        assertThat(SemverPrecedence.compare(huge, nextSecond)).isPositive();
        assertThat(SemverPrecedence.compare(huge, new Semver("1.2.3-alpha.123456789012345678901234567891")))
                .isNegative();
        assertThat(SemverPrecedence.compare(new Semver("1.0.0-2"), new Semver("1.0.0-10"))).isNegative();
    }

    @Test
    void ignoresBuildMetadata() {
        assertThat(SemverPrecedence.compare(new Semver("1.0.0+linux"), new Semver("1.0.0+windows"))).isZero();
        assertThat(SemverPrecedence.compare(new Semver("1.0.0-rc.1+a"), new Semver("1.0.0-rc.1"))).isZero();
    }
}
