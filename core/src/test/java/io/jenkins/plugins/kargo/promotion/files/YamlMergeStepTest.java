package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.files.StepFixture.config;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.context;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.read;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlMergeStepTest {

    @TempDir
    Path work;

    private StepResult run(String config) {
        return new YamlMergeStep().run(context(work), config(config));
    }

    @Test
    void laterFilesWinMappingsMergeKeyedListsMergeOtherListsAreReplaced() {
        write(work.resolve("base/values.yaml"), """
                # base
                image: {repository: web, tag: v1}
                replicas: 2
                flag: "true"
                debug: true
                args: [--a, --b]
                containers:
                  - name: web
                    image: web:v1
                    env: [{name: A, value: "1"}]
                  - name: proxy
                    image: envoy:1
                """);
        write(work.resolve("env/prod.yaml"), """
                image: {tag: v2}
                debug: null
                args: [--c]
                containers:
                  - name: web
                    env: [{name: B, value: "2"}]
                  - name: logger
                    image: fluentbit:2
                """);
        write(work.resolve("env/empty.yaml"), "");

        StepResult result = run("{inFiles: [base/values.yaml, env/prod.yaml, env/empty.yaml], outFile: out/values.yaml}");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(work.resolve("out/values.yaml"))).isEqualTo("""
                image:
                  repository: web
                  tag: v2
                replicas: 2
                flag: "true"
                args:
                - --c
                containers:
                - name: web
                  image: web:v1
                  env:
                  - name: A
                    value: "1"
                  - name: B
                    value: "2"
                - name: proxy
                  image: envoy:1
                - name: logger
                  image: fluentbit:2
                """);
        assertThat(result.output()).isEqualTo(Map.of("commitMessage", """
                Merged 3 YAML files to out/values.yaml
                - base/values.yaml
                - env/prod.yaml
                - env/empty.yaml"""));
    }

    @Test
    void aMissingFileIsAnErrorUnlessIgnored() {
        write(work.resolve("a.yaml"), "a: 1\n");

        StepResult strict = run("{inFiles: [a.yaml, b.yaml], outFile: out.yaml}");
        StepResult lenient = run("{inFiles: [a.yaml, b.yaml], outFile: out.yaml, ignoreMissingFiles: true}");

        assertThat(strict.status()).isEqualTo(StepStatus.Errored);
        assertThat(strict.message()).contains("config.inFiles[1] is 'b.yaml', which does not exist");
        assertThat(lenient.status()).as(lenient.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(work.resolve("out.yaml"))).isEqualTo("a: 1\n");
        assertThat(lenient.output()).isEqualTo(Map.of("commitMessage", "Wrote a.yaml to out.yaml"));
    }

    @Test
    void invalidYamlIsNamedWithItsLine() {
        write(work.resolve("bad.yaml"), "a: 1\nb: [\n");

        assertThat(run("{inFiles: [bad.yaml], outFile: out.yaml}").message()).contains("bad.yaml is not valid YAML")
                .contains("line");
    }
}
