package io.jenkins.plugins.kargo.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kargo's name patterns for promotion policies ({@code pkg/pattern/matcher.go}) and label matching. */
class StageSelectorTest {

    @Test
    void exactNameMatchesOnlyThatStage() {
        StageSelector selector = StageSelector.named("prod");
        assertThat(selector.isPattern()).isFalse();
        assertThat(selector.matches("prod", Map.of())).isTrue();
        assertThat(selector.matches("prod-eu", Map.of())).isFalse();
    }

    @Test
    void regexMatchesAnywhereLikeGosMatchString() {
        StageSelector selector = new StageSelector("regex:prod", Map.of());
        assertThat(selector.isPattern()).isTrue();
        assertThat(selector.matches("eu-prod-1", Map.of())).isTrue();
        assertThat(new StageSelector("regexp:^prod$", Map.of()).matches("eu-prod-1", Map.of())).isFalse();
    }

    @Test
    void globMatchesTheWholeName() {
        StageSelector selector = new StageSelector("glob:prod-*", Map.of());
        assertThat(selector.matches("prod-eu", Map.of())).isTrue();
        assertThat(selector.matches("preprod-eu", Map.of())).isFalse();
    }

    @Test
    void labelsMustAllMatchAndAreAndedWithTheName() {
        StageSelector selector = new StageSelector("glob:*", Map.of("tier", "prod", "region", "eu"));
        assertThat(selector.matches("a", Map.of("tier", "prod", "region", "eu", "extra", "x"))).isTrue();
        assertThat(selector.matches("a", Map.of("tier", "prod"))).isFalse();
        assertThat(new StageSelector("", Map.of("tier", "prod")).matches("any", Map.of("tier", "prod"))).isTrue();
    }
}
