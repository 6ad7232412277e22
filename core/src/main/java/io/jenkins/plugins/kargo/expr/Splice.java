package io.jenkins.plugins.kargo.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Puts values into the text of an expression that is evaluated later, as values and never as syntax. Kargo users
 * write {@code successExpression: response.body.version == '${{ imageFrom(r).Tag }}'} and Argo Rollouts users
 * {@code result.body.version == '{{ args.version }}'}: the text between the delimiters used to be spliced in as it
 * was, so a commit message {@code x' || true || '} closed the string and added an operator. Here each placeholder
 * is replaced by its value written for the place it stands in:
 * <ul>
 *   <li>inside a {@code '...'} or {@code "..."} string: the value's text (a string as it is, anything else as JSON),
 *       escaped for that quote, so it can neither close the string nor add anything after it;</li>
 *   <li>inside a {@code `raw`} string: the text when it holds no backtick (which a raw string cannot escape); a
 *       value holding one is refused;</li>
 *   <li>elsewhere: one literal. A string that reads as one number, {@code true}, {@code false} or {@code nil}
 *       becomes that literal (so {@code response.status == ${{ vars.code }}} compares numbers, as it did); any
 *       other string becomes a quoted string; numbers, booleans, nil, lists and maps their literals;</li>
 *   <li>inside a comment: refused, as a newline in the value would end the comment.</li>
 * </ul>
 * Where a value lands inside an expression is found with the same rules as the lexer's: quotes, escapes and
 * comments.
 */
public final class Splice {

    /** One placeholder: the characters {@code [start, end)} of the text, and the value that replaces them. */
    public record Placeholder(int start, int end, Object value) {
    }

    private enum Context { CODE, SINGLE, DOUBLE, RAW, LINE_COMMENT, BLOCK_COMMENT }

    private Splice() {
    }

    /**
     * The text with every placeholder replaced by its value, as described on the class.
     *
     * @param placeholders non-overlapping regions of {@code text}
     * @throws ExpressionException when a value cannot be placed where it stands (in a comment, a backtick in a raw
     *                             string, a value nested too deeply) or the result would cross the budget
     */
    public static String substitute(String text, List<Placeholder> placeholders, Budget budget) {
        try {
            List<Placeholder> ordered = new ArrayList<>(placeholders);
            ordered.sort(Comparator.comparingInt(Placeholder::start));
            StringBuilder out = new StringBuilder();
            Context context = Context.CODE;
            int i = 0;
            int next = 0;
            while (i < text.length() || next < ordered.size()) {
                if (next < ordered.size() && ordered.get(next).start() == i) {
                    Placeholder p = ordered.get(next++);
                    out.append(written(p.value(), context, budget));
                    budget.string(out.length());
                    i = p.end();
                    continue;
                }
                if (i >= text.length()) {
                    break;
                }
                char c = text.charAt(i);
                out.append(c);
                context = after(context, text, i);
                if ((context == Context.SINGLE || context == Context.DOUBLE) && c == '\\') {
                    if (next < ordered.size() && ordered.get(next).start() == i + 1) {
                        // the backslash would escape the value's first character: \ + \' is \\' and ends the string
                        throw Failure.evaluation("a placeholder right after a backslash inside a string is not"
                                + " allowed; remove the backslash");
                    }
                    if (i + 1 < text.length()) {
                        out.append(text.charAt(++i)); // an escaped character never ends the string
                    }
                }
                i++;
            }
            return out.toString();
        } catch (Failure f) {
            throw f.toException("");
        }
    }

    /** The context after character {@code i}. */
    private static Context after(Context context, String text, int i) {
        char c = text.charAt(i);
        return switch (context) {
            case CODE -> c == '\'' ? Context.SINGLE : c == '"' ? Context.DOUBLE : c == '`' ? Context.RAW
                    : c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/' ? Context.LINE_COMMENT
                    : c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*' ? Context.BLOCK_COMMENT
                    : Context.CODE;
            case SINGLE -> c == '\'' ? Context.CODE : Context.SINGLE;
            case DOUBLE -> c == '"' ? Context.CODE : Context.DOUBLE;
            case RAW -> c == '`' ? Context.CODE : Context.RAW;
            case LINE_COMMENT -> c == '\n' ? Context.CODE : Context.LINE_COMMENT;
            case BLOCK_COMMENT -> c == '/' && i > 0 && text.charAt(i - 1) == '*' ? Context.CODE
                    : Context.BLOCK_COMMENT;
        };
    }

    private static String written(Object value, Context context, Budget budget) {
        return switch (context) {
            case CODE -> literal(value, budget);
            case SINGLE, DOUBLE -> escaped(text(value, budget), context == Context.SINGLE ? '\'' : '"');
            case RAW -> {
                String text = text(value, budget);
                if (text.indexOf('`') >= 0) {
                    throw Failure.evaluation("a value holding a backtick cannot be placed inside a `raw string`;"
                            + " write the placeholder inside '...' or \"...\" instead");
                }
                yield text;
            }
            default -> throw Failure.evaluation("a placeholder inside a comment of an expression is not allowed;"
                    + " move it out of the comment");
        };
    }

    private static String text(Object value, Budget budget) {
        return value instanceof String s ? s : Json.writeData(value, false, budget);
    }

    private static String escaped(String text, char quote) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The value as one expr-lang literal, whose evaluation gives the value back: {@code nil}, {@code true}, {@code 42},
     * {@code (-1.5)}, {@code "text"}, {@code [1, "a"]}, {@code {"k": 1}}.
     */
    public static String literal(Object value, Budget budget) {
        try {
            StringBuilder out = new StringBuilder();
            literal(value instanceof String s ? reread(s) : Values.toData(value, budget, 1), out, budget, 1);
            budget.string(out.length());
            return out.toString();
        } catch (Failure f) {
            throw f.toException("");
        }
    }

    private static void literal(Object value, StringBuilder out, Budget budget, int depth) {
        budget.step();
        budget.depth(depth);
        if (value == null) {
            out.append("nil");
        } else if (value instanceof Boolean || value instanceof Long) {
            out.append((value instanceof Long l && l < 0) ? "(" + l + ")" : value.toString());
        } else if (value instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.append("float(\"").append(GoText.floatV(d)).append("\")");
            } else {
                String digits = Double.toString(d);
                out.append(d < 0 ? "(" + digits + ")" : digits);
            }
        } else if (value instanceof String s) {
            out.append('"').append(escaped(s, '"')).append('"');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                literal(list.get(i), out, budget, depth + 1);
            }
            out.append(']');
        } else {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.append(first ? "" : ", ").append('"').append(escaped(String.valueOf(entry.getKey()), '"'))
                        .append("\": ");
                literal(entry.getValue(), out, budget, depth + 1);
                first = false;
            }
            out.append('}');
        }
        if (out.length() > budget.limits().maxStringLength()) {
            budget.string(out.length());
        }
    }

    /** A string that is one number, {@code true}, {@code false} or {@code nil} token, as that value. */
    private static Object reread(String text) {
        String s = text.strip();
        switch (s) {
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            case "nil", "null" -> {
                return null;
            }
            default -> {
                if (s.matches("-?\\d{1,18}")) {
                    return Long.parseLong(s);
                }
                if (s.length() <= 40 && s.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) {
                    return Double.parseDouble(s);
                }
                return text;
            }
        }
    }
}
