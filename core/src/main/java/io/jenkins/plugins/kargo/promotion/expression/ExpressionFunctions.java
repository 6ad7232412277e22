package io.jenkins.plugins.kargo.promotion.expression;

/**
 * Marks a class whose public methods expressions may call by their bare names ({@code imageFrom('x')},
 * {@code quote(1)}). The sandbox lets an expression reach the methods a class implementing this interface declares
 * itself, and nothing else: no methods of {@link Object}, of the values handed in, or of any other class. Keep such
 * methods free of side effects, and let them return plain data (maps, lists, strings, numbers, booleans).
 */
public interface ExpressionFunctions {

    /** No functions at all. */
    ExpressionFunctions NONE = new ExpressionFunctions() {
    };
}
