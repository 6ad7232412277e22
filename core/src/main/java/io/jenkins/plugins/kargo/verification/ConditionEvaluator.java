package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.expr.Budget;
import io.jenkins.plugins.kargo.expr.Environment;
import io.jenkins.plugins.kargo.expr.Expression;
import io.jenkins.plugins.kargo.expr.ExpressionException;
import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.expr.Splice;
import io.jenkins.plugins.kargo.expr.kargo.KargoExpressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Judges one measurement by a metric's {@code successCondition} and {@code failureCondition}, with Argo Rollouts'
 * rules ({@code utils/evaluate/evaluate.go}): no condition: Successful; only a success condition: Successful when
 * true, else Failed; only a failure condition: Failed when true, else Successful; both: Failed when the failure
 * condition holds, else Successful when the success condition holds, else Inconclusive. A condition that cannot be
 * evaluated, crosses its limits, or gives something other than true or false makes the measurement an Error.
 *
 * <p>Conditions are expr-lang ({@link Expression}) with {@code result} bound to the measured value and Argo's
 * functions ({@link ConditionFunctions}); both conditions of a measurement share one {@link Budget}, evaluated in the
 * measuring thread. A one-element vector is handed over as a {@link SingleValueVector}. The template's
 * {@code {{ args.NAME }}} reach a condition as values, never as syntax ({@link #withArgs}).
 */
public final class ConditionEvaluator {

    private final Limits limits;

    public ConditionEvaluator() {
        this(Limits.DEFAULT);
    }

    public ConditionEvaluator(Limits limits) {
        this.limits = limits;
    }

    /** A measurement's verdict and, unless Successful, why. */
    public record Assessment(AnalysisPhase phase, String message) {
    }

    /**
     * @param successCondition empty when not set
     * @param failureCondition empty when not set
     */
    public Assessment assess(Object result, String successCondition, String failureCondition)
            throws InterruptedException {
        boolean hasSuccess = !successCondition.isBlank();
        boolean hasFailure = !failureCondition.isBlank();
        Budget budget = Budget.start(limits);
        try {
            if (hasFailure && holds(failureCondition, result, budget)) {
                return new Assessment(AnalysisPhase.FAILED, "failureCondition " + shown(failureCondition)
                        + " is true");
            }
            if (!hasSuccess) {
                return new Assessment(AnalysisPhase.SUCCESSFUL, "");
            }
            if (holds(successCondition, result, budget)) {
                return new Assessment(AnalysisPhase.SUCCESSFUL, "");
            }
            return hasFailure
                    ? new Assessment(AnalysisPhase.INCONCLUSIVE, "neither successCondition "
                            + shown(successCondition) + " nor failureCondition " + shown(failureCondition)
                            + " is true")
                    : new Assessment(AnalysisPhase.FAILED, "successCondition " + shown(successCondition)
                            + " is false");
        } catch (ExpressionException e) {
            return new Assessment(AnalysisPhase.ERROR, e.getMessage());
        }
    }

    private boolean holds(String condition, Object result, Budget budget) throws InterruptedException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("result", SingleValueVector.of(result));
        Object verdict = Expression.parse(condition, limits).evaluate(new Environment(variables,
                ConditionFunctions.LIBRARY), budget);
        if (verdict instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException(condition, "", "gives " + (verdict == null ? "nil"
                : verdict instanceof String ? "a string" : verdict.getClass().getSimpleName().toLowerCase())
                + ", not true or false");
    }

    /**
     * The condition with each {@code {{ args.NAME }}} replaced by the argument's value, written as a value where it
     * stands ({@link Splice}): inside quotes as escaped text, elsewhere as one literal ({@code 0.05} a number,
     * anything that is not one number or boolean a quoted string). Argo Rollouts pastes the text in, so an argument
     * holding {@code x' || true || '} could change what the condition means; here it cannot.
     *
     * @throws MeasurementException naming the argument when it has no value, or when its value cannot be placed
     */
    public String withArgs(String condition, Map<String, String> args) throws MeasurementException {
        List<Splice.Placeholder> placeholders = new ArrayList<>();
        Matcher m = KargoExpressions.ANALYSIS_ARG.matcher(condition);
        while (m.find()) {
            String value = args.get(m.group(1));
            if (value == null) {
                throw new MeasurementException("argument '" + m.group(1) + "' has no value; give it in the stage's"
                        + " verification args or as a default in the template");
            }
            placeholders.add(new Splice.Placeholder(m.start(), m.end(), value));
        }
        if (placeholders.isEmpty()) {
            return condition;
        }
        try {
            return Splice.substitute(condition, placeholders, Budget.start(limits));
        } catch (ExpressionException e) {
            throw new MeasurementException("condition " + shown(condition) + ": " + e.getMessage());
        }
    }

    private static String shown(String condition) {
        return ExpressionException.shown(condition);
    }
}
