package io.jenkins.plugins.kargo.promotion.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEvaluatorTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final TemplateEvaluator templates = new TemplateEvaluator(new ExpressionEngine());
    private final ExpressionScope scope = new ExpressionScope(Map.of(
            "vars", Map.of("repo", "ghcr.io/acme/web", "tag", "1.10", "port", 8080, "enabled", true,
                    "labels", Map.of("app", "web"))),
            new CommonFunctions());

    private Object eval(String template) throws InterruptedException {
        return templates.evaluate(template, "config.field", scope);
    }

    @Test
    void aWholeValueExpressionKeepsItsType() throws Exception {
        assertThat(eval("${{ 40 + 2 }}")).isEqualTo(42);
        assertThat(eval("${{ vars.enabled }}")).isEqualTo(true);
        assertThat(eval("${{ vars.labels }}")).isEqualTo(Map.of("app", "web"));
        assertThat(eval("${{ [vars.port] }}")).isEqualTo(List.of(8080));
        // a string stays a string, even when it looks like a number (Kargo would make 1.10 the number 1.1)
        assertThat(eval("${{ vars.tag }}")).isEqualTo("1.10");
        assertThat(eval("${{ quote(40 + 2) }}")).isEqualTo("42");
        // YAML's block scalars add a newline; whitespace around a lone expression does not make it text
        assertThat(eval("  ${{ vars.port }}\n")).isEqualTo(8080);
    }

    @Test
    void embeddedExpressionsAreInterpolated() throws Exception {
        assertThat(eval("${{ vars.repo }}:${{ vars.tag }}")).isEqualTo("ghcr.io/acme/web:1.10");
        assertThat(eval("port ${{ vars.port }}, on=${{ vars.enabled }}")).isEqualTo("port 8080, on=true");
        assertThat(eval("labels: ${{ vars.labels }}")).isEqualTo("labels: {\"app\":\"web\"}");
        assertThat(eval("stage/${{ 'dev' }}")).isEqualTo("stage/dev");
    }

    @Test
    void textWithoutDelimitersIsLeftAlone() throws Exception {
        assertThat(eval("42")).isEqualTo("42");
        assertThat(eval("{{ not.an.expression }}")).isEqualTo("{{ not.an.expression }}");
    }

    @Test
    void theSecondDelimiterPairAllowsClosingBracesInside() throws Exception {
        assertThat(eval("${% {'labels': {'app': vars.labels.app}} %}")).isEqualTo(Map.of("labels", Map.of("app", "web")));
    }

    @Test
    void configTreesAreEvaluatedRecursivelyAndLeftUnchanged() throws Exception {
        JsonNode config = YAML.readTree("""
                path: ./env/${{ 'dev' }}
                replicas: ${{ vars.port / 1000 }}
                whole: ${{ vars.port / 80 }}
                keep: 7
                images:
                - image: ${{ vars.repo }}
                  tag: ${{ vars.tag }}
                '${{ vars.repo }}': key is not evaluated
                """);
        JsonNode before = config.deepCopy();

        JsonNode evaluated = templates.evaluate(config, "config", scope);

        assertThat(evaluated).isEqualTo(YAML.readTree("""
                path: ./env/dev
                replicas: 8.08
                whole: 101
                keep: 7
                images:
                - image: ghcr.io/acme/web
                  tag: "1.10"
                '${{ vars.repo }}': key is not evaluated
                """));
        assertThat(evaluated.get("images").get(0).get("tag").isTextual()).isTrue();
        assertThat(config).isEqualTo(before);
    }

    @Test
    void errorsNameTheFieldAndTheExpression() throws Exception {
        JsonNode config = YAML.readTree("""
                images:
                - tag: ok
                - tag: ${{ vars.nope.tag }}
                """);
        assertThatThrownBy(() -> templates.evaluate(config, "config", scope))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("field config.images[1].tag: expression 'vars.nope.tag': ")
                .satisfies(e -> {
                    ExpressionException failure = (ExpressionException) e;
                    assertThat(failure.field()).isEqualTo("config.images[1].tag");
                    assertThat(failure.expression()).isEqualTo("vars.nope.tag");
                });
    }

    @Test
    void anUnclosedExpressionIsAnError() {
        assertThatThrownBy(() -> eval("v${{ vars.tag "))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("config.field")
                .hasMessageContaining("add '}}'");
    }
}
