package io.jenkins.plugins.kargo.promotion.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthorizedStagesTest {

    @Test
    void readsACommaSeparatedListIgnoringSpaces() {
        AuthorizedStages stages = AuthorizedStages.parse(" myapp:dev ,other : uat,,");

        assertThat(stages.stages()).extracting(AuthorizedStages.Stage::toString).containsExactly("myapp:dev", "other:uat");
        assertThat(stages.permits("myapp", "dev")).isTrue();
        assertThat(stages.permits("other", "uat")).isTrue();
        assertThat(stages.permits("myapp", "uat")).isFalse();
        assertThat(stages.permits("other", "dev")).isFalse();
    }

    @Test
    void refusesGlobsAndMalformedEntries() {
        assertThatThrownBy(() -> AuthorizedStages.parse("myapp:*")).hasMessageContaining("glob");
        assertThatThrownBy(() -> AuthorizedStages.parse("*:dev, myapp:dev")).hasMessageContaining("glob");
        assertThatThrownBy(() -> AuthorizedStages.parse("myapp:dev,uat")).hasMessageContaining("'uat' is not <project>:<stage>");
        assertThatThrownBy(() -> AuthorizedStages.parse("myapp:")).hasMessageContaining("not <project>:<stage>");
        assertThatThrownBy(() -> AuthorizedStages.parse(" , ")).hasMessageContaining("names no <project>:<stage>");
    }
}
