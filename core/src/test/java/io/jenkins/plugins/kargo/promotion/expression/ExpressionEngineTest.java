package io.jenkins.plugins.kargo.promotion.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionEngineTest {

    private final ExpressionEngine engine = new ExpressionEngine();

    private static ExpressionScope scope() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("vars", Map.of("name", "web", "replicas", 3, "ratio", 0.25, "on", true,
                "tags", List.of("1.0", "1.1")));
        variables.put("outputs", Map.of("update-image", Map.of("commit", "abc123")));
        variables.put("missing", null);
        return new ExpressionScope(variables, new Functions());
    }

    /** A function library as a test would hand in; the public methods are the callable functions. */
    public static final class Functions extends CommonFunctions {
        public String shout(String text) {
            return text.toUpperCase() + "!";
        }

        public String broken() {
            throw new IllegalArgumentException("broken() always fails");
        }

        public static String hidden() {
            return "static methods are not functions";
        }
    }

    private Object eval(String expression) throws InterruptedException {
        return engine.evaluate(expression, scope());
    }

    @Test
    void valuesKeepTheirTypes() throws Exception {
        assertThat(eval("vars.name")).isEqualTo("web");
        assertThat(eval("vars.replicas * 2")).isEqualTo(6);
        assertThat(eval("vars.ratio < 0.5")).isEqualTo(true);
        assertThat(eval("vars.tags")).isEqualTo(List.of("1.0", "1.1"));
        assertThat(eval("{'a': 1}")).isEqualTo(Map.of("a", 1));
        assertThat(eval("[1, 'two']")).isEqualTo(List.of(1, "two"));
        assertThat(eval("nil")).isNull();
        assertThat(eval("7 / 2")).isEqualTo(3.5);
        assertThat(eval("vars.replicas * 4 / 2")).isEqualTo(6);
    }

    @Test
    void operatorsKargoUsersWrite() throws Exception {
        assertThat(eval("'stage/' + vars.name + '-' + vars.replicas")).isEqualTo("stage/web-3");
        assertThat(eval("vars.name == \"web\" && vars.replicas >= 3")).isEqualTo(true);
        assertThat(eval("vars.name != 'web' || !vars.on")).isEqualTo(false);
        assertThat(eval("vars.replicas > 2 ? 'many' : 'few'")).isEqualTo("many");
        assertThat(eval("outputs['update-image'].commit")).isEqualTo("abc123");
        assertThat(eval("vars.tags[1]")).isEqualTo("1.1");
        assertThat(eval("vars.nope ?? 'default'")).isEqualTo("default");
        assertThat(eval("vars.nope?.deeper ?? 'safe'")).isEqualTo("safe");
        assertThat(eval("missing == nil")).isEqualTo(true);
        assertThat(eval("vars.name =^ 'we' and vars.name =$ 'eb'")).isEqualTo(true);
        assertThat(eval("size(vars.tags) > 1")).isEqualTo(true);
    }

    @Test
    void functionsOfTheScopeAreCallableByName() throws Exception {
        assertThat(eval("shout(vars.name)")).isEqualTo("WEB!");
        assertThat(eval("quote(40 + 2)")).isEqualTo("42");
        assertThat(eval("quote('text')")).isEqualTo("text");
        assertThat(eval("unsafeQuote('text')")).isEqualTo("\"text\"");
        assertThat(eval("asJSON({'a': 1})")).isEqualTo("{\n  \"a\" : 1\n}");
    }

    @Test
    void errorsSayWhatWentWrong() {
        assertThatThrownBy(() -> eval("nope.x")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'nope.x'").hasMessageContaining("nope").hasMessageContaining("undefined");
        assertThatThrownBy(() -> eval("missing + 1")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> eval("vars.name +")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("does not parse");
        assertThatThrownBy(() -> eval("broken()")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("broken() always fails");
        assertThatThrownBy(() -> eval("shout(1, 2)")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("shout");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "''.getClass()",
        "''.class",
        "vars.name.class.forName('java.lang.Runtime')",
        "vars.name.bytes",
        "vars.tags.size()",
        "getClass()",
        "toString()",
        "hidden()",
        "new('java.io.File', '/etc/passwd')",
        "new('java.lang.ProcessBuilder', 'id')",
        "Math.abs(-1)",
        "java.lang.System.exit(1)",
        "x = 1",
        "vars.name = 'other'",
        "while (true) { 1 }",
        "for (t : vars.tags) { t }",
        "(x) -> x",
        "var y = 1",
        "#pragma jexl.import java.io",
        "import java.io",
    })
    void theSandboxRefusesEverythingButTheScope(String escape) {
        assertThatThrownBy(() -> eval(escape)).isInstanceOf(ExpressionException.class)
                .hasMessageContaining(escape.strip());
    }

    @Test
    void anEvaluationThatOverstaysIsCancelled() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        ExpressionFunctions slow = new Slow(never, interrupted);
        ExpressionEngine bounded = new ExpressionEngine(Duration.ofMillis(200));

        assertThatThrownBy(() -> bounded.evaluate("block()", new ExpressionScope(Map.of(), slow)))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'block()'")
                .hasMessageContaining("did not finish within 200 ms");
        // the evaluation's thread was interrupted, not left running
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    }

    public static final class Slow implements ExpressionFunctions {
        private final CountDownLatch never;
        private final CountDownLatch interrupted;

        Slow(CountDownLatch never, CountDownLatch interrupted) {
            this.never = never;
            this.interrupted = interrupted;
        }

        public boolean block() {
            try {
                never.await();
                return true;
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Test
    void aNonPositiveTimeoutIsRefused() {
        assertThatThrownBy(() -> new ExpressionEngine(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
