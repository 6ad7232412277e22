package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.expr.kargo.ProjectData;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightArtifact;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kargo's expressions as Kargo documents them, each line of {@code kargo-conformance.txt} run through a real
 * {@link PromotionRunner}: earlier steps make the outputs the documentation's examples read, the template's vars
 * are set, and the step under test echoes its evaluated {@code config.value}.
 */
class KargoConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    @TempDir
    Path workDir;

    private final Freight freight = new Freight("f00d", "brave-eagle", FreightOrigin.warehouse("my-warehouse"),
            Instant.parse("2026-11-27T09:00:00Z"),
            List.of(new FreightImage("public.ecr.aws/nginx/nginx", "1.27.0", "sha256:abc", Map.of(), "")),
            List.of(new FreightChart("oci://example.com/my-chart", "", "0.9.0", ""),
                    new FreightChart("https://example.com/charts", "my-chart", "1.2.0", "")),
            List.of(new FreightCommit("https://github.com/example/repo.git", "c0ffee", "main", "", "fix", "a", "c",
                    "")),
            List.of(new FreightArtifact("npm", "ui-kit", "4.2.0", Map.of("package", "@acme/ui-kit"))));

    /** The data behind secret(), configMap(), freightMetadata() and stageMetadata(). */
    private static final ProjectData DATA = new ProjectData() {
        @Override
        public Map<String, String> secret(String project, String name) {
            return project.equals("shop") && name.equals("slack") ? Map.of("token", "xoxb-1") : Map.of();
        }

        @Override
        public Map<String, String> sharedSecret(String name) {
            return name.equals("slack") ? Map.of("token", "xoxb-shared") : Map.of();
        }

        @Override
        public Map<String, String> configMap(String project, String name) {
            return name.equals("my-config") ? Map.of("repoURL", "https://github.com/example/repo.git") : Map.of();
        }

        @Override
        public Map<String, String> sharedConfigMap(String name) {
            return name.equals("my-config") ? Map.of("repoURL", "https://github.com/example/shared.git") : Map.of();
        }

        @Override
        public Optional<Map<String, Object>> freightMetadata(String project, String name) {
            return name.equals("f00d") ? Optional.of(Map.of("category", "backend")) : Optional.empty();
        }

        @Override
        public Optional<Map<String, Object>> stageMetadata(String project, String stage) {
            return stage.equals("uat") ? Optional.of(Map.of("aws-region", "eu-west-1")) : Optional.empty();
        }
    };

    private static final class Emit implements PromotionStepRunner {
        private final String name;

        Emit(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        @SuppressWarnings("unchecked")
        public StepResult run(StepContext context, JsonNode config) {
            return StepResult.succeeded(YAML.convertValue(config, Map.class), name);
        }
    }

    record Case(int line, String template, String expected) {
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = KargoConformanceTest.class.getResourceAsStream("kargo-conformance.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                int arrow = lines[i].lastIndexOf(" => ");
                cases.add(new Case(i + 1, lines[i].substring(0, arrow), lines[i].substring(arrow + 4).strip()));
            }
        }
        return cases;
    }

    @Test
    void theSuiteHoldsKargosDocumentedExamples() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(80).extracting(Case::template)
                .contains("${{ quote(40 + 2) }}", "${{ configMap('my-config').repoURL }}",
                        "${{ stageMetadata(ctx.stage)['tier'] ?? \"default-tier\" }}");
    }

    @TestFactory
    Stream<DynamicTest> templates() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest("line " + c.line() + ": " + c.template(),
                () -> check(c)));
    }

    private void check(Case c) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        PromotionRunner runner = new PromotionRunner(StepRegistry.of(new Emit("emit"), new Emit("echo")), clock,
                Limits.DEFAULT, DATA, d -> { }, Duration.ofMillis(1));
        List<ExpressionVariable> vars = List.of(
                new ExpressionVariable("gitRepo", "https://github.com/example/repo.git"),
                new ExpressionVariable("srcPath", "./src"),
                new ExpressionVariable("imageRepo", "public.ecr.aws/nginx/nginx"),
                new ExpressionVariable("tag", "${{ quote('1.10') }}"),
                new ExpressionVariable("services", "${{ ['api', 'web', 'api-admin'] }}"));
        List<PromotionStep> steps = List.of(
                step("emit", "update-image", Map.of("commitMessage", "Updated ./src/base to use new image(s)")),
                step("emit", "commit", Map.of("commit", "abc1234")),
                step("emit", "read-version", Map.of("currentVersion", "2.4.2")),
                step("emit", "my-step-alias", Map.of()),
                step("echo", "update", Map.of("value", c.template())));
        StepContext context = new StepContext("shop", "uat", "uat.01abc.f00d", "alice",
                new FreightCollection(List.of(freight)), workDir, CredentialsProvider.NONE, EventSink.NONE, clock);

        PromotionRun run = runner.run(vars, steps, context, () -> false);

        StepRecord echoed = run.steps().get(run.steps().size() - 1);
        if (c.expected().startsWith("error:")) {
            assertThat(echoed.status()).isEqualTo(StepStatus.Errored);
            assertThat(echoed.message()).contains("field config.value")
                    .contains(c.expected().substring("error:".length()).strip());
            return;
        }
        assertThat(echoed.status()).as(echoed.message()).isEqualTo(StepStatus.Succeeded);
        Object expected = JSON.readValue(c.expected(), Object.class);
        Object actual = JSON.convertValue(echoed.output(), Map.class).get("value");
        assertThat(io.jenkins.plugins.kargo.expr.ConformanceAssertions.same(expected, actual))
                .as("%s gives %s (%s), expected %s", c.template(), actual,
                        actual == null ? "null" : actual.getClass().getSimpleName(), c.expected()).isTrue();
    }

    private static PromotionStep step(String uses, String as, Map<String, Object> config) {
        return new PromotionStep(uses, as, "", false, Optional.empty(), List.of(), YAML.valueToTree(config),
                SourceLocation.UNKNOWN);
    }
}
