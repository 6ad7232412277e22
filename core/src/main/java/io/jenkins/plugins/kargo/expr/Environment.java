package io.jenkins.plugins.kargo.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one expression can see: named variables holding plain data (maps, lists, strings, numbers, booleans, nil),
 * and the {@link Functions} callable by their bare names besides expr-lang's built-ins. Nothing else is reachable:
 * the engine has no reflection, so an object handed in is opaque (it can be passed along, not looked into), and only
 * the methods an {@link ExprObject} answers exist.
 *
 * @param variables top-level names ({@code vars}, {@code ctx}, {@code outputs}, {@code response}, {@code result}, ...)
 */
public record Environment(Map<String, Object> variables, Functions functions) {

    public Environment {
        // a copy that keeps null values: a variable that is defined but nil is not an unknown one
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Objects.requireNonNull(functions, "functions; use Functions.NONE");
    }

    public static Environment of(Map<String, Object> variables) {
        return new Environment(variables, Functions.NONE);
    }

    /** The same variables with more functions. */
    public Environment with(Functions more) {
        return new Environment(variables, functions.with(more));
    }
}
