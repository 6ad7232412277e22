package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.promotion.expression.CommonFunctions;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionScope;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expr-lang functions Argo Rollouts users call in {@code successCondition} / {@code failureCondition}:
 * {@code len}, {@code isNaN}, {@code asInt}, {@code asFloat}, {@code default} (spelled {@code defaultValue} here, as {@code default} is a Java
 * keyword; {@link ConditionEvaluator} renames it), {@code all} and {@code any} over a closure ({@code {# < 500}}).
 * One instance per evaluation: the closures see that evaluation's variables.
 */
public final class ConditionFunctions extends CommonFunctions {

    private final ExpressionEngine engine;
    private final Map<String, Object> variables;

    ConditionFunctions(ExpressionEngine engine, Map<String, Object> variables) {
        this.engine = engine;
        this.variables = variables;
    }

    /** The number of elements of a list or map, or of characters of a string. */
    public int len(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value instanceof String text) {
            return text.length();
        }
        throw new IllegalArgumentException("len() takes a list, map or string, not " + describe(value));
    }

    /** Whether a number (or a one-element vector's value) is NaN, as Prometheus reports 0/0. */
    public boolean isNaN(Object value) {
        Object number = value instanceof List<?> list && list.size() == 1 ? list.get(0) : value;
        if (number instanceof Number n) {
            return Double.isNaN(n.doubleValue());
        }
        throw new IllegalArgumentException("isNaN() takes a number, not " + describe(value));
    }

    /** {@code default(value, fallback)}: the fallback when the value is null (NaN is a value, as upstream). */
    public Object defaultValue(Object value, Object fallback) {
        return value == null ? fallback : value;
    }

    /** Argo Rollouts' {@code asInt(text)}: a string (a job's or web check's output) as an integer. */
    public long asInt(String text) {
        return Long.parseLong(text.strip());
    }

    /** Argo Rollouts' {@code asFloat(text)}: a string as a number. */
    public double asFloat(String text) {
        return Double.parseDouble(text.strip());
    }

    /** {@code all(list, {predicate})}: true when the predicate holds for every element (and for an empty list). */
    public boolean all(Object list, Object predicate) throws InterruptedException {
        for (Object element : elements("all", list)) {
            if (!test("all", predicate, element)) {
                return false;
            }
        }
        return true;
    }

    /** {@code any(list, {predicate})}: true when the predicate holds for at least one element. */
    public boolean any(Object list, Object predicate) throws InterruptedException {
        for (Object element : elements("any", list)) {
            if (test("any", predicate, element)) {
                return true;
            }
        }
        return false;
    }

    private static Collection<?> elements(String function, Object list) {
        if (list instanceof Collection<?> collection) {
            return collection;
        }
        throw new IllegalArgumentException(function + "() takes a list first, not " + describe(list));
    }

    private boolean test(String function, Object predicate, Object element) throws InterruptedException {
        if (!(predicate instanceof ConditionEvaluator.Closure closure)) {
            throw new IllegalArgumentException(function + "() takes a predicate such as {# > 0} second, not "
                    + describe(predicate));
        }
        Map<String, Object> scope = new LinkedHashMap<>(variables);
        scope.put(ConditionEvaluator.Closure.ELEMENT, element);
        Object verdict = engine.evaluate(closure.body(), new ExpressionScope(scope, this));
        if (verdict instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(function + "() predicate {" + closure.source() + "} gave "
                + describe(verdict) + ", not true or false");
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
