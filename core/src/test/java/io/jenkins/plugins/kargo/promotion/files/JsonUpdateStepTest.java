package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.files.StepFixture.config;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.context;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.read;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonUpdateStepTest {

    private static final String PACKAGE = """
            {
              "name": "web",
              "version": "1.0.0",
              "config": {
                "image": {"repository": "harbor.example.com/web", "tag": "v1"},
                "replicas": 2,
                "flags": [true, false]
              },
              "a.b": "dotted"
            }
            """;

    @TempDir
    Path work;

    private StepResult run(String config) {
        return new JsonUpdateStep().run(context(work), config(config));
    }

    @Test
    void setsValuesWhereTheyAreWrittenKeepingTheLayout() throws Exception {
        write(work.resolve("app/package.json"), PACKAGE);

        StepResult result = run("""
                path: app/package.json
                updates:
                  - {key: version, value: 1.2.0}
                  - {key: config.image.tag, value: v2}
                  - {key: config.replicas, value: 3}
                  - {key: config.flags.1, value: true}
                  - {key: a\\.b, value: changed}
                """);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(work.resolve("app/package.json"))).isEqualTo(PACKAGE.replace("\"1.0.0\"", "\"1.2.0\"")
                .replace("\"v1\"", "\"v2\"").replace("\"replicas\": 2", "\"replicas\": 3")
                .replace("[true, false]", "[true, true]").replace("\"dotted\"", "\"changed\""));
        assertThat(result.output()).isEqualTo(Map.of("commitMessage", """
                Updated app/package.json

                - version: "1.2.0"
                - config.image.tag: "v2"
                - config.replicas: 3
                - config.flags.1: true
                - a\\.b: "changed\""""));
    }

    @Test
    void aMissingKeyIsAddedToTheNearestObject() throws Exception {
        write(work.resolve("values.json"), PACKAGE);

        StepResult result = run("""
                path: values.json
                updates:
                  - {key: config.image.digest, value: "sha256:abc"}
                  - {key: deploy.region.name, value: eu}
                """);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        var tree = new ObjectMapper().readTree(read(work.resolve("values.json")));
        assertThat(tree.at("/config/image/digest").asText()).isEqualTo("sha256:abc");
        assertThat(tree.at("/config/image/tag").asText()).isEqualTo("v1");
        assertThat(tree.at("/deploy/region/name").asText()).isEqualTo("eu");
        assertThat(tree.at("/name").asText()).isEqualTo("web");
    }

    @Test
    void refusesAnythingButScalarsAndAKeyBelowAValue() {
        write(work.resolve("values.json"), PACKAGE);

        assertThat(run("{path: values.json, updates: [{key: config, value: {a: 1}}]}").message())
                .contains("config.updates[0].value is not a scalar");
        assertThat(run("{path: values.json, updates: [{key: name.first, value: x}]}").message())
                .contains("config.updates[0].key is 'name.first', but 'name' in values.json is not an object");
        write(work.resolve("bad.json"), "{\"a\": }");
        assertThat(run("{path: bad.json, updates: [{key: a, value: 1}]}").message())
                .contains("bad.json is not valid JSON").contains("line 1");
        assertThat(read(work.resolve("values.json"))).isEqualTo(PACKAGE);
    }
}
