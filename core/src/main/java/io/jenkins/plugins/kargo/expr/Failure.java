package io.jenkins.plugins.kargo.expr;

/**
 * A failure inside the engine, before it knows the expression's text; {@link Expression} turns it into an
 * {@link ExpressionException} naming the expression and the position. Carries no stack trace: failures are part of
 * normal operation (a condition on a missing field), and filling one in would cost more than the evaluation.
 */
final class Failure extends RuntimeException {

    private final ExpressionException.Kind kind;
    private int position;

    Failure(ExpressionException.Kind kind, String reason, int position) {
        super(reason, null, false, false);
        this.kind = kind;
        this.position = position;
    }

    static Failure evaluation(String reason) {
        return new Failure(ExpressionException.Kind.EVALUATION, reason, -1);
    }

    static Failure limit(String reason) {
        return new Failure(ExpressionException.Kind.LIMIT, reason, -1);
    }

    ExpressionException.Kind kind() {
        return kind;
    }

    int position() {
        return position;
    }

    /** Locates a failure raised without a position at the node being evaluated; the innermost position wins. */
    Failure at(int nodePosition) {
        if (position < 0) {
            position = nodePosition;
        }
        return this;
    }

    ExpressionException toException(String source) {
        return ExpressionException.at(kind, source, position, getMessage());
    }
}
