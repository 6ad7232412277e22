package io.jenkins.plugins.kargo.promotion.expression;

/**
 * An expression that could not be parsed, was refused by the sandbox, failed, or ran out of time. The message names
 * the field (when known), the expression and the reason; callers add the step.
 */
public final class ExpressionException extends RuntimeException {

    private final String expression;
    private final String field;
    private final String reason;

    public ExpressionException(String expression, String field, String reason) {
        super(describe(expression, field, reason));
        this.expression = expression;
        this.field = field == null ? "" : field;
        this.reason = reason;
    }

    /** The same failure, located in {@code field} (a path such as {@code config.images[0].tag}). */
    public ExpressionException in(String field) {
        return new ExpressionException(expression, field, reason);
    }

    public String expression() {
        return expression;
    }

    /** Where the expression was written; empty when the caller did not say. */
    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    private static String describe(String expression, String field, String reason) {
        String where = field == null || field.isEmpty() ? "" : "field " + field + ": ";
        return where + "expression '" + expression + "': " + reason;
    }
}
