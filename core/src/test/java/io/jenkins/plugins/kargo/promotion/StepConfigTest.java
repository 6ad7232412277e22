package io.jenkins.plugins.kargo.promotion;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one binder of step configuration: every refusal names the field's path, its value and the fix. */
class StepConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    enum Mode { Fast, Safe }

    record Config(String path, int retries, boolean force, Mode mode, List<Entry> entries) {
        Config {
            require(present(path), "path", "is required", "name the file");
            entries = StepConfig.listOrEmpty(entries);
        }
    }

    record Entry(String name, String tag, String digest) {
        Entry {
            require(present(tag) != present(digest), "", "sets " + (present(tag) ? "both tag and digest" : "neither tag nor digest"),
                    "set exactly one");
        }
    }

    @Test
    void bindsTheRecordWithDefaultsForWhatIsLeftOut() throws Exception {
        Config config = StepConfig.bind("demo", yaml("path: a.yaml\nmode: Safe\nentries:\n- {name: x, tag: v1}"), Config.class);

        assertThat(config).isEqualTo(new Config("a.yaml", 0, false, Mode.Safe, List.of(new Entry("x", "v1", null))));
    }

    @Test
    void everyRefusalNamesTheFieldItsValueAndTheFix() {
        assertRefused("path: a\nentries:\n- {name: x, tags: v1}",
                "config.entries[0].tags is not a field of demo; the fields are digest, name, tag");
        assertRefused("path: a\nentries:\n- {name: x, tag: v1, digest: sha256:1}",
                "config.entries[0] sets both tag and digest; set exactly one");
        assertRefused("mode: Fast", "config.path is required; name the file");
        assertRefused("path: a\nforce: maybe", "config.force must be true or false, not 'maybe'");
        assertRefused("path: a\nretries: many", "config.retries must be a whole number, not 'many'");
        assertRefused("path: a\nmode: Quick", "config.mode is 'Quick', not one of Fast, Safe");
        assertRefused("path: a\nentries: {name: x}", "config.entries must be a list, not an object");
        assertRefused("pth: a", "config.pth is not a field of demo; the fields are entries, force, mode, path, retries");
    }

    @Test
    void aMissingConfigIsAnEmptyObject() {
        assertThatThrownBy(() -> StepConfig.bind("demo", null, Config.class))
                .isInstanceOf(StepException.class).hasMessage("config.path is required; name the file");
    }

    private static void assertRefused(String config, String message) {
        assertThatThrownBy(() -> StepConfig.bind("demo", yaml(config), Config.class))
                .isInstanceOf(StepException.class).hasMessage(message);
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
