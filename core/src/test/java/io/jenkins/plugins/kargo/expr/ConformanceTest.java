package io.jenkins.plugins.kargo.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * expr-lang conformance: every line of {@code conformance.txt} is an expression and the value (or the error) it must
 * give, written by hand from expr-lang's language definition. Values are compared strictly: an int is not a float.
 */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** The variables the documentation's examples use. */
    static Map<String, Object> variables() {
        Map<String, Object> v = new HashMap<>();
        v.put("user", Map.of("Name", "John Smith", "Age", 30));
        v.put("users", List.of(Map.of("Name", "John", "Age", 30), Map.of("Name", "Jane", "Age", 17),
                Map.of("Name", "Bob", "Age", 42)));
        v.put("tweets", List.of(Map.of("Content", "short", "Size", 5), Map.of("Content", "x".repeat(250), "Size", 300)));
        v.put("array", List.of(1, 2, 3, 4, 5));
        Map<String, Object> nobody = new HashMap<>();
        nobody.put("User", null);
        v.put("author", nobody);
        v.put("author2", Map.of("User", Map.of("Name", "Ann")));
        v.put("participants", List.of(Map.of("Name", "a", "Winner", false), Map.of("Name", "b", "Winner", true)));
        v.put("accounts", List.of(Map.of("Balance", 10), Map.of("Balance", 20.5)));
        v.put("posts", List.of(
                Map.of("Author", "ann", "Comments", List.of(Map.of("Author", "ann"), Map.of("Author", "bob"))),
                Map.of("Author", "bob", "Comments", List.of(Map.of("Author", "ann")))));
        v.put("foo", Map.of("Name", "foo"));
        v.put("var with spaces", 1);
        return v;
    }

    record Case(int line, String expression, String expected) {
    }

    static List<Case> cases(String resource) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = ConformanceTest.class.getResourceAsStream(resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int arrow = line.lastIndexOf(" => ");
                cases.add(new Case(i + 1, line.substring(0, arrow), line.substring(arrow + 4).strip()));
            }
        }
        return cases;
    }

    @Test
    void theSuiteHasAtLeast200Expressions() throws IOException {
        assertThat(cases("conformance.txt")).hasSizeGreaterThanOrEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> expressions() throws IOException {
        Environment environment = Environment.of(variables());
        return cases("conformance.txt").stream().map(c -> DynamicTest.dynamicTest(
                "line " + c.line() + ": " + c.expression(), () -> check(c, environment)));
    }

    static void check(Case c, Environment environment) throws Exception {
        if (c.expected().startsWith("error:")) {
            String fragment = c.expected().substring("error:".length()).strip();
            assertThatThrownBy(() -> Expression.parse(c.expression()).evaluate(environment, Limits.DEFAULT))
                    .isInstanceOf(ExpressionException.class).hasMessageContaining(fragment);
            return;
        }
        Object actual = Expression.parse(c.expression()).evaluate(environment, Limits.DEFAULT);
        Object expected = JSON.readValue(c.expected(), Object.class);
        assertThat(ConformanceAssertions.same(expected, actual)).as("%s gives %s (%s), expected %s", c.expression(), actual,
                actual == null ? "nil" : actual.getClass().getSimpleName(), c.expected()).isTrue();
    }

    @Test
    void casesAreReadAsWritten() throws IOException {
        assertThat(cases("conformance.txt")).extracting(Case::expression)
                .contains("1 + 2", "filter(0..9, {# % 2 == 0})", "user.Name | lower() | split(\" \")");
        assertThat(Arrays.asList(cases("conformance.txt").get(0).expected())).containsExactly("42");
    }
}
