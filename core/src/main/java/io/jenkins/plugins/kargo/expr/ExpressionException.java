package io.jenkins.plugins.kargo.expr;

/**
 * An expression that does not parse, crossed one of its {@link Limits}, or failed while it was evaluated. The message
 * names the field (when the caller said), the expression (shortened when long, so a megabyte of input is never
 * repeated) with the line and column of the problem when known, and the reason.
 */
public final class ExpressionException extends RuntimeException {

    /** What went wrong: the text is not an expression, a bound was crossed, or the evaluation failed. */
    public enum Kind { SYNTAX, LIMIT, EVALUATION }

    static final int SHOWN = 200;

    private final Kind kind;
    private final String expression;
    private final String field;
    private final String reason;
    private final int line;
    private final int column;

    /** An evaluation failure found by a caller, e.g. a condition that gives no boolean. */
    public ExpressionException(String expression, String field, String reason) {
        this(Kind.EVALUATION, shown(expression), field, reason, 0, 0);
    }

    private ExpressionException(Kind kind, String expression, String field, String reason, int line, int column) {
        super(describe(expression, field, reason, line, column));
        this.kind = kind;
        this.expression = expression;
        this.field = field == null ? "" : field;
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** A problem at {@code position} (a character offset into {@code source}; negative when unknown). */
    static ExpressionException at(Kind kind, String source, int position, String reason) {
        int line = 0;
        int column = 0;
        if (position >= 0 && position <= source.length()) {
            // positions count in the text as shown, without the white space it starts with
            int lead = source.length() - source.stripLeading().length();
            line = 1;
            int lineStart = lead;
            for (int i = lead; i < position; i++) {
                if (source.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            column = position - lineStart + 1;
        }
        return new ExpressionException(kind, shown(source), "", reason, line, column);
    }

    /** The same failure, about {@code expression} (when a caller found it while handling that expression's value). */
    public ExpressionException about(String expression) {
        return new ExpressionException(kind, shown(expression), field, reason, line, column);
    }

    /** The same failure, located in {@code field} (a path such as {@code config.images[0].tag}). */
    public ExpressionException in(String field) {
        return new ExpressionException(kind, expression, field, reason, line, column);
    }

    public Kind kind() {
        return kind;
    }

    /** The expression as shown in the message: shortened when longer than 200 characters. */
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

    /** 1-based line of the problem inside the expression; 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem inside its line; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The text as a message may show it: whole when short, else its start and its length. */
    public static String shown(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() <= SHOWN ? stripped
                : stripped.substring(0, SHOWN - 40) + "… (" + stripped.length() + " characters)";
    }

    private static String describe(String expression, String field, String reason, int line, int column) {
        String where = field == null || field.isEmpty() ? "" : "field " + field + ": ";
        String at = line == 0 ? "" : line == 1 && !expression.contains("\n") ? "at column " + column + ": "
                : "at line " + line + ", column " + column + ": ";
        return where + (expression.isEmpty() ? "" : "expression '" + expression + "': ") + at + reason;
    }
}
