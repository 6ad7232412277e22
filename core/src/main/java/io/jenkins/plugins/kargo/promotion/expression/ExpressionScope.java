package io.jenkins.plugins.kargo.promotion.expression;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one expression can see: named variables holding plain data (maps, lists, strings, numbers, booleans, null) and
 * the functions callable by their bare names. Nothing else is reachable from an expression.
 *
 * @param variables top-level names ({@code vars}, {@code ctx}, {@code outputs}, {@code response}, {@code result} ...)
 * @param functions the functions; {@link ExpressionFunctions#NONE} for none
 */
public record ExpressionScope(Map<String, Object> variables, ExpressionFunctions functions) {

    public ExpressionScope {
        // a copy that keeps null values: a variable that is defined but null is not an undefined one
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Objects.requireNonNull(functions, "functions; use ExpressionFunctions.NONE");
    }

    public static ExpressionScope of(Map<String, Object> variables) {
        return new ExpressionScope(variables, ExpressionFunctions.NONE);
    }
}
