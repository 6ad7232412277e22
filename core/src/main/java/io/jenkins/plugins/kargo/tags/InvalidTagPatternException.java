package io.jenkins.plugins.kargo.tags;

/** An allow or ignore tag pattern that RE2 refuses or that is too large to compile safely. */
public class InvalidTagPatternException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pattern;
    private final String problem;
    private final String fix;

    InvalidTagPatternException(String pattern, String problem, String fix) {
        super("invalid tag pattern \"" + pattern + "\": " + problem + "; " + fix);
        this.pattern = pattern;
        this.problem = problem;
        this.fix = fix;
    }

    /** The pattern as the user wrote it (cut short when it was refused for its length). */
    public String pattern() {
        return pattern;
    }

    /** What is wrong, e.g. {@code invalid escape sequence: `\1`}. */
    public String problem() {
        return problem;
    }

    /** What to do about it, e.g. that RE2 has no backreferences and what to use instead. */
    public String fix() {
        return fix;
    }
}
