package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.expr.Arguments;
import io.jenkins.plugins.kargo.expr.Functions;
import java.util.List;

/**
 * The functions Argo Rollouts adds to expr-lang for {@code successCondition} / {@code failureCondition}
 * ({@code utils/evaluate/evaluate.go}): {@code isNaN}, {@code isInf}, {@code isNil}, {@code default},
 * {@code asInt} and {@code asFloat}. {@code len}, {@code all}, {@code any} and the other built-ins are expr-lang's.
 *
 * <p>Argo's own {@code isNil(x)} and {@code default(x, d)} ignore their first argument and look at the measured
 * {@code result}; as documented (and as every documented use, {@code isNil(result)}, {@code default(result, 0)},
 * reads), here they look at their argument. A one-element vector (a Prometheus result) counts as its value for
 * {@code isNaN} and {@code isInf}.
 */
final class ConditionFunctions {

    /** Go's {@code strconv.ParseFloat} accepts decimal numbers, {@code NaN} and {@code Inf} / {@code Infinity}. */
    private static final java.util.regex.Pattern GO_FLOAT = java.util.regex.Pattern.compile(
            "[+-]?((\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|(?i:inf|infinity)|(?i:nan))");

    static final Functions LIBRARY = Functions.builder()
            .add("isNaN", 1, a -> Double.isNaN(number(a)))
            .add("isInf", 1, a -> Double.isInfinite(number(a)))
            .add("isNil", 1, a -> a.get(0) == null)
            .add("default", 2, a -> a.get(0) == null ? a.get(1) : a.get(0))
            .add("asInt", 1, a -> {
                Object value = a.get(0);
                if (value instanceof String text) {
                    try {
                        return Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("asInt(): \"" + text + "\" is not an integer");
                    }
                }
                if (value instanceof Number n) {
                    return n.longValue();
                }
                throw new IllegalArgumentException("asInt() takes a number or a string, not "
                        + Arguments.typeOf(value));
            })
            .add("asFloat", 1, a -> {
                Object value = a.get(0);
                if (value instanceof String text) {
                    if (!GO_FLOAT.matcher(text).matches()) {
                        throw new IllegalArgumentException("asFloat(): \"" + text + "\" is not a number");
                    }
                    String lower = text.toLowerCase(java.util.Locale.ROOT);
                    return lower.endsWith("nan") ? Double.NaN : lower.endsWith("inf") || lower.endsWith("infinity")
                            ? (lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                            : Double.parseDouble(text);
                }
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                throw new IllegalArgumentException("asFloat() takes a number or a string, not "
                        + Arguments.typeOf(value));
            })
            .build();

    private ConditionFunctions() {
    }

    private static double number(Arguments a) {
        Object value = a.get(0) instanceof List<?> list && list.size() == 1 ? list.get(0) : a.get(0);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(a.function() + "() takes a number, not " + Arguments.typeOf(a.get(0)));
    }
}
