package io.jenkins.plugins.kargo.plugin.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void masksTheLongestSecretFirstAndLeavesShortValues() {
        SecretMask mask = new SecretMask(Set.of("abcdef", "abcdefgh", "ab"));
        assertThat(mask.apply("x abcdefgh y abcdef z ab")).isEqualTo("x **** y **** z ab");
        assertThat(SecretMask.NONE.apply("abcdef")).isEqualTo("abcdef");
        assertThat(mask.apply((String) null)).isNull();
    }

    @Test
    void aThrowableWhoseCauseLeaksIsReplaced() {
        SecretMask mask = new SecretMask(Set.of("s3cr3t-value"));
        IllegalStateException clean = new IllegalStateException("nothing here");
        assertThat(mask.apply(clean)).isSameAs(clean);
        Throwable leaky = new IllegalStateException("outer", new RuntimeException("inner s3cr3t-value"));
        Throwable masked = mask.apply(leaky);
        assertThat(masked).isNotSameAs(leaky).hasNoCause().hasMessage("outer");
    }
}
