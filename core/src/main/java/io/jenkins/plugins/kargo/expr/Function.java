package io.jenkins.plugins.kargo.expr;

/**
 * A function an expression calls by its bare name ({@code imageFrom('x')}), handed in by the caller through
 * {@link Functions}. It sees only its evaluated arguments and the evaluation's budget; it returns plain data (or an
 * {@link ExprObject}) and signals bad input with an {@link IllegalArgumentException} whose message the user reads.
 */
@FunctionalInterface
public interface Function {

    Object call(Arguments arguments);
}
