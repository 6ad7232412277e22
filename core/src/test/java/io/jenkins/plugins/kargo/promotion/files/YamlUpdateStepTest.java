package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.files.StepFixture.config;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.context;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.read;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class YamlUpdateStepTest {

    private static final String VALUES = """
            # values for dev
            image:
              repository: harbor.example.com/services/user-service # the registry
              tag: "v1.0.0"   # set by Kargo
              pullPolicy: 'IfNotPresent'
            replicas: 2
            sidecars:
              - name: proxy
                image: envoy:1.0
              - name: logger
                image: fluentbit:2.0
            notes: |
              multi
              line
            feature.flags:
              enabled: false
            """;

    @TempDir
    Path work;

    private StepResult run(String config) {
        return new YamlUpdateStep().run(context(work), config(config));
    }

    @Test
    void setsValuesWhereTheyAreWrittenKeepingCommentsAndQuotes() {
        Path file = write(work.resolve("env/dev/values.yaml"), VALUES);

        StepResult result = run("""
                path: env/dev/values.yaml
                updates:
                  - key: image.tag
                    value: v1.2.0
                  - key: image.pullPolicy
                    value: Always
                  - key: replicas
                    value: 3
                  - key: sidecars.1.image
                    value: fluentbit:2.1
                  - key: notes
                    value: one line
                  - key: feature\\.flags.enabled
                    value: true
                """);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo("""
                # values for dev
                image:
                  repository: harbor.example.com/services/user-service # the registry
                  tag: "v1.2.0"   # set by Kargo
                  pullPolicy: 'Always'
                replicas: 3
                sidecars:
                  - name: proxy
                    image: envoy:1.0
                  - name: logger
                    image: fluentbit:2.1
                notes: one line
                feature.flags:
                  enabled: true
                """);
        assertThat(result.output()).containsExactly(Map.entry("commitMessage", """
                Updated env/dev/values.yaml

                - image.tag: v1.2.0
                - image.pullPolicy: Always
                - replicas: 3
                - sidecars.1.image: fluentbit:2.1
                - notes: one line
                - feature\\.flags.enabled: true"""));
    }

    @Test
    void stringsThatWouldChangeTypeAreQuotedAndReadBackAsWritten() {
        List<String> tricky = List.of("42", "1.0", "true", "yes", "off", "null", "~", "2024-01-01", "a: b", "#x",
                "x #y", "", " padded", "-", "*star", "&anchor", "[1]", "{a: 1}", "it's", "line\nbreak", "v1.2.3",
                "sha256:abc", "harbor.example.com/app:1.0");
        StringBuilder values = new StringBuilder();
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("path", "values.yaml");
        ArrayNode updates = config.putArray("updates");
        for (int i = 0; i < tricky.size(); i++) {
            values.append("k").append(i).append(": placeholder\n");
            updates.addObject().put("key", "k" + i).put("value", tricky.get(i));
        }
        Path file = write(work.resolve("values.yaml"), values.toString());

        StepResult result = new YamlUpdateStep().run(context(work), config);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        Map<String, Object> parsed = new Yaml().load(read(file));
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < tricky.size(); i++) {
            expected.put("k" + i, tricky.get(i));
        }
        assertThat(parsed).containsExactlyEntriesOf(expected);
        assertThat(read(file)).contains("k20: v1.2.3\n", "k21: sha256:abc\n", "k22: harbor.example.com/app:1.0\n",
                "k0: \"42\"\n", "k3: \"yes\"\n");
    }

    @Test
    void aValueInsideBracketsIsQuotedWhenItHoldsABracketOrComma() {
        Path file = write(work.resolve("values.yaml"), "image: {repository: app, tag: v1}  # flow\nargs: [--a, --b]\n");

        StepResult result = run("path: values.yaml\nupdates:\n- key: image.tag\n  value: 'v2,rc'\n- key: args.1\n  value: --c\n");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(file)).isEqualTo("image: {repository: app, tag: \"v2,rc\"}  # flow\nargs: [--a, --c]\n");
        Map<String, Map<String, Object>> parsed = new Yaml().load(read(file));
        assertThat(parsed.get("image")).containsEntry("tag", "v2,rc");
    }

    @Test
    void aWindowsFileWithCharactersBeyondTheBasicPlaneIsEditedInPlace() {
        Path file = write(work.resolve("values.yaml"), "a: 1\r\n# \uD83D\uDE80 launch\r\nb: x # \uD83D\uDE80\r\nc: z\r\n");

        assertThat(run("path: values.yaml\nupdates:\n- key: b\n  value: y\n").status()).isEqualTo(StepStatus.Succeeded);

        assertThat(read(file)).isEqualTo("a: 1\r\n# \uD83D\uDE80 launch\r\nb: y # \uD83D\uDE80\r\nc: z\r\n");
    }

    @Test
    void keysThatDoNotNameOneExistingValueAreRefusedAndTheFileIsLeftAlone() {
        Path file = write(work.resolve("values.yaml"), VALUES);

        assertThat(errorFor("image.digest")).isEqualTo(
                "yaml-update: key 'image.digest' not found in values.yaml: 'image' has no key 'digest'");
        assertThat(errorFor("release")).isEqualTo(
                "yaml-update: key 'release' not found in values.yaml: the top level has no key 'release'");
        assertThat(errorFor("sidecars.5.image")).isEqualTo(
                "yaml-update: key 'sidecars.5.image' not found in values.yaml: 'sidecars' is a list of 2 (line 8), it has no item 5");
        assertThat(errorFor("sidecars.first")).isEqualTo(
                "yaml-update: key 'sidecars.first' not found in values.yaml: 'sidecars' is a list (line 8), so 'first' must be an item number");
        assertThat(errorFor("replicas.count")).isEqualTo(
                "yaml-update: key 'replicas.count' not found in values.yaml: 'replicas' is a single value (line 6), it has no 'count'");
        assertThat(errorFor("image")).isEqualTo(
                "yaml-update: key 'image' of values.yaml is a mapping (line 3), not a single value; name a key inside it");
        assertThat(read(file)).isEqualTo(VALUES);
    }

    private String errorFor(String key) {
        StepResult result = run("path: values.yaml\nupdates:\n- key: image.tag\n  value: v9\n- key: '" + key + "'\n  value: x\n");
        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        return result.message();
    }

    @Test
    void aValueSharedThroughAnAnchorIsNotChanged() {
        String text = "base: &base\n  tag: v1\nprod: *base\n";
        Path file = write(work.resolve("values.yaml"), text);

        StepResult result = run("path: values.yaml\nupdates:\n- key: prod.tag\n  value: v2\n");

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("inside the anchor &base (line 1)");
        assertThat(read(file)).isEqualTo(text);
    }

    @Test
    void configurationAndFileProblemsAreNamed() {
        write(work.resolve("broken.yaml"), "a: [1, 2\n");
        write(work.resolve("values.yaml"), "a: 1\n");

        assertThat(run("path: values.yaml\nupdates: []\n").message())
                .isEqualTo("yaml-update: config.updates is required; list at least one {key, value}");
        assertThat(run("path: values.yaml\nupdates:\n- key: a\n").message())
                .isEqualTo("yaml-update: config.updates[0].value is required");
        assertThat(run("path: values.yaml\nupdates:\n- key: a..b\n  value: 1\n").message())
                .startsWith("yaml-update: config.updates[0].key is not a valid key: key 'a..b' has an empty part");
        assertThat(run("path: missing.yaml\nupdates:\n- key: a\n  value: 1\n").message())
                .isEqualTo("yaml-update: config.path 'missing.yaml' is not a file in the promotion's working directory");
        assertThat(run("path: broken.yaml\nupdates:\n- key: a\n  value: 1\n").message())
                .startsWith("yaml-update: broken.yaml is not valid YAML").contains("line 2");
    }
}
