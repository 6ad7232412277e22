package io.jenkins.plugins.kargo.semver;

/** A semver range (a Kargo {@code constraint} / {@code semverConstraint}) that cannot be read. */
public class InvalidSemverRangeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String problem;

    InvalidSemverRangeException(String expression, String problem) {
        super("invalid semver range \"" + expression + "\": " + problem
                + "; a valid range looks like \">=1.2.0 <2.0.0\", \"^1.2 || ~2.0.1\" or \">=1.0.0-alpha\"");
        this.expression = expression;
        this.problem = problem;
    }

    /** The range as the user wrote it. */
    public String expression() {
        return expression;
    }

    /** What is wrong, without the range or an example, for callers that word the error themselves. */
    public String problem() {
        return problem;
    }
}
