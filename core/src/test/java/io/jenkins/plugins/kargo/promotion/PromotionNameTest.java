package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionNameTest {

    static final String FREIGHT = "681abaa8e9f1c1f0c5cbd0d2f2cc1f3a0c3f0b1d";

    @Test
    void isStageUlidAndShortFreightInLowerCase() {
        String name = new PromotionName(new Ulid(Clock.systemUTC())).generate("Staging", FREIGHT);
        assertThat(name).matches("staging\\.[0-9a-hjkmnp-tv-z]{26}\\.681abaa");
    }

    @Test
    void lexicalOrderIsCreationOrderEvenWithinOneMillisecond() {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        PromotionName names = new PromotionName(new Ulid(frozen));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            created.add(names.generate("dev", FREIGHT));
        }
        assertThat(created).doesNotHaveDuplicates().isSorted();
        String later = new PromotionName(new Ulid(Clock.offset(frozen, java.time.Duration.ofMillis(1)))).generate("dev", FREIGHT);
        assertThat(later).isGreaterThan(created.get(created.size() - 1));
    }

    @Test
    void theTimePartIsTheMillisecondsInCrockfordBase32() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1469918176385L), ZoneOffset.UTC);
        // the ULID spec's example time 1469918176385 encodes as 01ARYZ6S41
        assertThat(new Ulid(clock).next()).startsWith("01ARYZ6S41").hasSize(26);
    }

    @Test
    void aLongStageNameIsCutSoTheNameFitsKubernetesLimit() {
        String stage = "s".repeat(230) + ".-" + "t".repeat(30);
        String name = new PromotionName(new Ulid(Clock.systemUTC())).generate(stage, FREIGHT);
        assertThat(name).hasSizeLessThanOrEqualTo(253);
        assertThat(name.split("\\.")[0]).matches("s+");
    }
}
