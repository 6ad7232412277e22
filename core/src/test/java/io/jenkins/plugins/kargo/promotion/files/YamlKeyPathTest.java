package io.jenkins.plugins.kargo.promotion.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.jenkins.plugins.kargo.promotion.StepException;
import org.junit.jupiter.api.Test;

class YamlKeyPathTest {

    @Test
    void splitsOnUnescapedDots() throws StepException {
        assertThat(YamlKeyPath.parse("spec.containers.0.image").parts()).containsExactly("spec", "containers", "0", "image");
        assertThat(YamlKeyPath.parse(" metadata.annotations.example\\.com/tag ").parts())
                .containsExactly("metadata", "annotations", "example.com/tag");
        assertThat(YamlKeyPath.parse("ports.:8080.name").parts()).containsExactly("ports", "8080", "name");
        assertThat(YamlKeyPath.parse("a\\:b").parts()).containsExactly("a:b");
    }

    @Test
    void refusesWhatKargoRefuses() {
        assertThatThrownBy(() -> YamlKeyPath.parse("a..b")).hasMessageContaining("empty part");
        assertThatThrownBy(() -> YamlKeyPath.parse("a.")).hasMessageContaining("empty part");
        assertThatThrownBy(() -> YamlKeyPath.parse("a\\b")).hasMessageContaining("invalid escape '\\b'");
        assertThatThrownBy(() -> YamlKeyPath.parse("a:b")).hasMessageContaining("':' inside a part");
        assertThatThrownBy(() -> YamlKeyPath.parse("  ")).hasMessage("the key is empty");
    }
}
