package io.jenkins.plugins.kargo.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.expr.Bounded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The review's condition attacks (categories C and C1) and variants, through {@link ConditionEvaluator}: each makes
 * the measurement an Error with its reason (or judges it as the condition says, never more), bounded in time and
 * allocation, with no thread left behind; and arguments reach a condition as values.
 */
class ConditionAttackTest {

    private final ConditionEvaluator conditions = new ConditionEvaluator();

    record Attack(String id, Object result, String condition, AnalysisPhase phase, String message) {
    }

    static List<Attack> attacks() {
        List<Attack> a = new ArrayList<>();
        List<Object> codes = List.of(200, 201);
        a.add(new Attack("64", codes, "all(result, {# > 0 && all(result, __closure1)})", AnalysisPhase.ERROR,
                "unknown name __closure1"));
        a.add(new Attack("65", codes, "any(result, {# > 0}) && __closure1.body", AnalysisPhase.ERROR,
                "unknown name __closure1"));
        a.add(new Attack("66", codes, "__closure1", AnalysisPhase.ERROR, "unknown name __closure1"));
        a.add(new Attack("67", codes, "len(result) > 0 && getClass() != null", AnalysisPhase.ERROR,
                "unknown function getClass()"));
        a.add(new Attack("68", List.of(0.01), "result.scale > 0", AnalysisPhase.ERROR,
                "cannot fetch string \"scale\" from array"));
        a.add(new Attack("69", List.of(0.01), "result.class", AnalysisPhase.ERROR, "cannot fetch string \"class\""));
        a.add(new Attack("70", List.of(0.01), "result[0] < 0.05", AnalysisPhase.SUCCESSFUL, ""));
        a.add(new Attack("104", codes, "all(1..100000000, {# > 0})", AnalysisPhase.ERROR,
                "would make a list or map of 100000000 elements"));
        a.add(new Attack("104b", codes, "all(1..1000000, {all(1..1000000, {# > 0})})", AnalysisPhase.ERROR,
                "took more than 2000000 steps || did not finish within"));
        a.add(new Attack("106", codes, "{# > 0}", AnalysisPhase.ERROR, "a map key must be"));
        a.add(new Attack("nest", 1, "(".repeat(1000) + "result > 0" + ")".repeat(1000), AnalysisPhase.ERROR,
                "is nested deeper than 256 levels"));
        a.add(new Attack("nest-not", true, "!".repeat(1000) + "result", AnalysisPhase.ERROR,
                "is nested deeper than 256 levels"));
        a.add(new Attack("regex", "a".repeat(40) + "b", "result matches '^(.*a){12}$'", AnalysisPhase.FAILED,
                "successCondition"));
        a.add(new Attack("regex-nested", "a".repeat(100_000) + "!", "result matches '^((a+)+)+$'",
                AnalysisPhase.FAILED, "successCondition"));
        a.add(new Attack("deep-result", deep(5000), "result.a != nil", AnalysisPhase.SUCCESSFUL, ""));
        a.add(new Attack("deep-json", deep(5000), "len(toJSON(result)) > 0", AnalysisPhase.ERROR,
                "nested deeper than 1000 levels"));
        a.add(new Attack("huge", 1, "result" + " + 1".repeat(100_000) + " > 0", AnalysisPhase.ERROR,
                "characters long; the limit is 65536"));
        a.add(new Attack("grow", "x", "len(reduce(1..30, #acc + #acc, result)) > 0", AnalysisPhase.ERROR,
                "would make a string of"));
        return a;
    }

    /** A map nested {@code depth} deep: {@code {a: {a: ... 1}}}, as a JSON body could be. */
    private static Object deep(int depth) {
        Object value = 1;
        for (int i = 0; i < depth; i++) {
            value = Map.of("a", value);
        }
        return value;
    }

    @TestFactory
    Stream<DynamicTest> conditionAttacksAreJudgedOrErrorWithTheirReason() {
        return attacks().stream().map(a -> DynamicTest.dynamicTest(a.id() + ": "
                + a.condition().substring(0, Math.min(80, a.condition().length())), () -> {
                    Bounded.Outcome outcome = Bounded.run(() -> conditions.assess(a.result(), a.condition(), ""));
                    ConditionEvaluator.Assessment assessment = (ConditionEvaluator.Assessment) outcome.value();
                    assertThat(assessment.phase()).as(assessment.message()).isEqualTo(a.phase());
                    if (!a.message().isEmpty()) {
                        Bounded.assertEndedWith(assessment.message(), a.message());
                    }
                    assertThat(assessment.message()).hasSizeLessThan(1000);
                    assertThat(outcome.elapsed()).isLessThan(Bounded.TIME_BOUND);
                    assertThat(outcome.allocatedBytes()).isLessThan(Bounded.HEAP_BOUND);
                }));
    }

    @Test
    void anArgumentReachesAConditionAsAValue() throws Exception {
        Map<String, Object> response = Map.of("statusCode", 200, "body", Map.of("version", "1.4.0"));
        String condition = "result.body.version == '{{ args.msg }}'";
        for (String payload : List.of("x' || true || '", "x\" || true || \"", "\\' || true || '", "x'\n|| true")) {
            String withArgs = conditions.withArgs(condition, Map.of("msg", payload));
            assertThat(conditions.assess(response, withArgs, "").phase()).as("payload %s gives %s", payload,
                    withArgs).isEqualTo(AnalysisPhase.FAILED);
        }
        assertThat(conditions.assess(response, conditions.withArgs(condition, Map.of("msg", "1.4.0")), "").phase())
                .isEqualTo(AnalysisPhase.SUCCESSFUL);
        // outside quotes an argument is one literal: a number compares as a number, anything else is a string
        assertThat(conditions.withArgs("result < {{ args.limit }}", Map.of("limit", "0.05")))
                .isEqualTo("result < 0.05");
        assertThat(conditions.withArgs("result.statusCode == {{ args.code }}", Map.of("code", "200 || true")))
                .isEqualTo("result.statusCode == \"200 || true\"");
        assertThat(conditions.assess(response, conditions.withArgs("result.statusCode == {{ args.code }}",
                Map.of("code", "200 || true")), "").phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThatThrownBy(() -> conditions.withArgs("result == {{ args.missing }}", Map.of()))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("argument 'missing' has no value");
    }
}
