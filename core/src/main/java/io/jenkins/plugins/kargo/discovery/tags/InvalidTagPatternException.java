package io.jenkins.plugins.kargo.discovery.tags;

/** An allow or ignore tag pattern that RE2 refuses or that is too large to compile safely. */
public class InvalidTagPatternException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pattern;

    InvalidTagPatternException(String pattern, String problem, String fix) {
        super("invalid tag pattern \"" + pattern + "\": " + problem + "; " + fix);
        this.pattern = pattern;
    }

    /** The pattern as the user wrote it. */
    public String pattern() {
        return pattern;
    }
}
