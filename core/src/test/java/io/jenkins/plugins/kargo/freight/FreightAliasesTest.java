package io.jenkins.plugins.kargo.freight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FreightAliasesTest {

    @Test
    void candidatesAreAdjectiveDashAnimal() {
        FreightAliases aliases = new FreightAliases(new Random(7));

        IntStream.range(0, 200).mapToObj(i -> aliases.candidate(0))
                .forEach(alias -> assertThat(alias).matches("[a-z]+-[a-z]+"));
    }

    @Test
    void thereAreThousandsOfCombinations() {
        assertThat(FreightAliases.combinations()).isGreaterThan(10_000);
    }

    @Test
    void aSeededGeneratorRepeatsItsSequence() {
        List<String> first = IntStream.range(0, 50).mapToObj(i -> new FreightAliases(new Random(42)).candidate(0)).toList();
        FreightAliases a = new FreightAliases(new Random(42));
        FreightAliases b = new FreightAliases(new Random(42));

        List<String> fromA = IntStream.range(0, 50).mapToObj(i -> a.candidate(i)).toList();
        List<String> fromB = IntStream.range(0, 50).mapToObj(i -> b.candidate(i)).toList();

        assertThat(fromA).isEqualTo(fromB);
        assertThat(new HashSet<>(first)).hasSize(1);
        assertThat(new HashSet<>(fromA)).hasSizeGreaterThan(40);
    }

    @Test
    void lateAttemptsCarryTheAttemptNumberSoAFullProjectStillGetsAnAlias() {
        FreightAliases aliases = new FreightAliases(new Random(1));

        assertThat(aliases.candidate(FreightAliases.PLAIN_ATTEMPTS - 1)).matches("[a-z]+-[a-z]+");
        assertThat(aliases.candidate(FreightAliases.PLAIN_ATTEMPTS)).matches("[a-z]+-[a-z]+-" + FreightAliases.PLAIN_ATTEMPTS);
    }

    @Test
    void retryingUntilUnusedGivesDistinctAliasesForManyFreight() {
        FreightAliases aliases = new FreightAliases(new Random(3));
        Set<String> used = new HashSet<>();

        for (int i = 0; i < 5_000; i++) {
            String alias;
            int attempt = 0;
            do {
                alias = aliases.candidate(attempt++);
            } while (!used.add(alias));
        }

        assertThat(used).hasSize(5_000);
    }
}
