package io.jenkins.plugins.kargo.api;

/**
 * One thing wrong (or questionable) in the configuration: where, what, and what to do about it.
 *
 * @param severity an {@link Severity#ERROR} stops the load; a {@link Severity#WARNING} is returned with the result
 * @param location file, line and field path
 * @param message  what is wrong, in terms of what the user wrote
 * @param fix      what to write instead
 * @param kind     a warning's kind, by which faces group warnings; null for an error
 */
public record ConfigProblem(Severity severity, SourceLocation location, String message, String fix, WarningKind kind) {

    public enum Severity { ERROR, WARNING }

    public static ConfigProblem error(SourceLocation location, String message, String fix) {
        return new ConfigProblem(Severity.ERROR, location, message, fix, null);
    }

    public static ConfigProblem warning(WarningKind kind, SourceLocation location, String message, String fix) {
        return new ConfigProblem(Severity.WARNING, location, message, fix, kind);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line field: message. Fix: fix}, one line, as shown to users. */
    @Override
    public String toString() {
        return location + ": " + message + (fix.isEmpty() ? "" : ". Fix: " + fix);
    }
}
