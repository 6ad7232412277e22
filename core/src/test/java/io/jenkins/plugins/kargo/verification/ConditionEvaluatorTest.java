package io.jenkins.plugins.kargo.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionEvaluatorTest {

    private final ConditionEvaluator conditions = new ConditionEvaluator();

    private AnalysisPhase phase(Object result, String success, String failure) throws InterruptedException {
        return conditions.assess(result, success, failure).phase();
    }

    private boolean holds(Object result, String condition) throws InterruptedException {
        ConditionEvaluator.Assessment assessment = conditions.assess(result, condition, "");
        assertThat(assessment.phase()).as(assessment.message()).isIn(AnalysisPhase.SUCCESSFUL, AnalysisPhase.FAILED);
        return assessment.phase() == AnalysisPhase.SUCCESSFUL;
    }

    @ParameterizedTest(name = "success={0} failure={1} -> {2}")
    @CsvSource({
            "'', '', SUCCESSFUL",
            "'', 'result > 5', SUCCESSFUL",
            "'result > 5', '', FAILED",
            "'result < 5', '', SUCCESSFUL",
            "'', 'result < 5', FAILED",
            "'result < 5', 'result > 5', SUCCESSFUL",
            "'result > 5', 'result < 5', FAILED",
            "'result > 5', 'result > 9', INCONCLUSIVE",
            "'result < 9', 'result < 5', FAILED",
    })
    void argoRolloutsRules(String success, String failure, AnalysisPhase expected) throws Exception {
        assertThat(phase(3, success, failure)).isEqualTo(expected);
    }

    @Test
    void anEvaluationErrorIsAnError() throws Exception {
        ConditionEvaluator.Assessment undefined = conditions.assess(3, "nosuch > 1", "");
        assertThat(undefined.phase()).isEqualTo(AnalysisPhase.ERROR);
        assertThat(undefined.message()).contains("nosuch");
        assertThat(phase(3, "result +", "")).isEqualTo(AnalysisPhase.ERROR);
        assertThat(phase(3, "", "'text'")).isEqualTo(AnalysisPhase.ERROR);
        // a list of several numbers does not compare with a number: as upstream, an Error
        assertThat(phase(List.of(1.0, 2.0), "result < 5", "")).isEqualTo(AnalysisPhase.ERROR);
    }

    @Test
    void messagesSayWhichConditionDecided() throws Exception {
        assertThat(conditions.assess(3, "result > 5", "").message()).contains("successCondition result > 5 is false");
        assertThat(conditions.assess(3, "", "result < 5").message()).contains("failureCondition result < 5 is true");
        assertThat(conditions.assess(3, "result > 5", "result > 9").message()).contains("neither");
    }

    @Test
    void webResultFields() throws Exception {
        Map<String, Object> response = Map.of("statusCode", 200, "body", Map.of("ok", true));
        assertThat(holds(response, "result.statusCode == 200")).isTrue();
        assertThat(holds(Map.of("statusCode", 503), "result.statusCode == 200")).isFalse();
        assertThat(holds(response, "result.body.ok")).isTrue();
    }

    @Test
    void scalarsCompare() throws Exception {
        assertThat(holds(0.02, "result < 0.05")).isTrue();
        assertThat(holds(0.07, "result < 0.05")).isFalse();
    }

    @Test
    void aOneElementVectorComparesAsItsValueAndStaysAList() throws Exception {
        List<Double> healthy = List.of(0.02);
        assertThat(holds(healthy, "result < 0.05")).isTrue();
        assertThat(holds(List.of(0.07), "result < 0.05")).isFalse();
        assertThat(holds(List.of(0.5), "result > 0")).isTrue(); // not truncated to an integer
        assertThat(holds(List.of(1 / 101.0), "result < 0.05 && result * 101 > 0.99")).isTrue(); // 17 digits
        assertThat(holds(healthy, "result == 0.02")).isTrue();
        assertThat(holds(healthy, "result * 100 < 5")).isTrue();
        assertThat(holds(List.of(0.97), "result[0] >= 0.95")).isTrue();
        assertThat(holds(List.of(0.90), "result[0] >= 0.95")).isFalse();
        assertThat(holds(healthy, "len(result) == 1")).isTrue();
        assertThat(holds(List.of(), "len(result) > 0")).isFalse();
        assertThat(holds(List.of(1.0, 2.0), "len(result) > 0")).isTrue();
    }

    @Test
    void nanAndDefault() throws Exception {
        assertThat(holds(Double.NaN, "isNaN(result)")).isTrue();
        assertThat(holds(0.1, "isNaN(result)")).isFalse();
        assertThat(holds(List.of(Double.NaN), "isNaN(result)")).isTrue();
        // as in Go, NaN orders with nothing: a 0/0 error rate does not pass a threshold
        assertThat(holds(Double.NaN, "result < 0.05")).isFalse();
        assertThat(holds(Double.NaN, "result >= 0.05")).isFalse();
        assertThat(holds(Double.NaN, "result <= 1 || result > 1")).isFalse();
        assertThat(holds(null, "default(result, 0) == 0")).isTrue();
        assertThat(holds(Double.NaN, "default(result, 0) < 0.05")).isFalse(); // NaN is not nil, as upstream
        assertThat(holds(0.01, "default(result, 1) < 0.05")).isTrue();
        assertThat(holds(0.5, "default(result, 0) < 0.05")).isFalse();
        assertThat(holds("42", "asInt(result) == 42 && asFloat('0.5') == 0.5")).isTrue();
        // 'default(' inside a string literal is left alone
        assertThat(holds("default(x)", "result == 'default(x)'")).isTrue();
    }

    @Test
    void allAndAnyTakeExprClosures() throws Exception {
        assertThat(holds(List.of(200, 301, 404), "all(result, {# < 500})")).isTrue();
        assertThat(holds(List.of(200, 503), "all(result, {# < 500})")).isFalse();
        assertThat(holds(List.of(), "all(result, {# < 500})")).isTrue();
        assertThat(holds(List.of(200, 503), "any(result, {# >= 500})")).isTrue();
        assertThat(holds(List.of(200, 201), "any(result, { # >= 500 })")).isFalse();
        assertThat(holds(List.of(Map.of("code", "a#b")), "all(result, {#.code == 'a#b'})")).isTrue();
        assertThat(holds(List.of(1, 2), "len(result) == 2 && all(result, {# > 0}) && {'k': 1}.k == 1")).isTrue();
        // the closure sees result too
        assertThat(holds(List.of(1, 2), "all(result, {# <= len(result)})")).isTrue();
    }

    @Test
    void closuresCannotEscapeTheSandbox() throws Exception {
        assertThat(phase(List.of("x"), "all(result, {#.getClass() != null})", "")).isEqualTo(AnalysisPhase.ERROR);
        assertThat(phase(List.of(1), "all(result, 5)", "")).isEqualTo(AnalysisPhase.ERROR);
        assertThat(phase(List.of(1), "all(result, {# > 0)", "")).isEqualTo(AnalysisPhase.ERROR);
        assertThat(phase(Arrays.asList(1, null), "all(result, {# > 0})", "")).isEqualTo(AnalysisPhase.ERROR);
    }
}
