package io.jenkins.plugins.kargo.expr.kargo;

import io.jenkins.plugins.kargo.expr.Expression;
import io.jenkins.plugins.kargo.expr.ExpressionException;
import io.jenkins.plugins.kargo.expr.Limits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A configuration value with Kargo's expressions in it: text, and expressions between <code>${{</code> and
 * <code>}}</code>, or between <code>${%</code> and <code>%}</code> when an expression must contain <code>}}</code>
 * ({@code pkg/expressions/json_templates.go}). An expression ends at the first closing delimiter of its kind. Every
 * expression is parsed when the template is, so a syntax error is found before anything is evaluated.
 */
public final class Template {

    private static final String[][] DELIMITERS = {{"${{", "}}"}, {"${%", "%}"}};

    /**
     * One piece of the template: literal text ({@code expression} null), or an expression with the characters
     * {@code [start, end)} of the template it was written in, delimiters included.
     */
    public record Part(String text, Expression expression, int start, int end) {
        public boolean isExpression() {
            return expression != null;
        }
    }

    private final String text;
    private final List<Part> parts;

    private Template(String text, List<Part> parts) {
        this.text = text;
        this.parts = Collections.unmodifiableList(parts);
    }

    /** Whether {@code text} holds at least one <code>${{</code> or <code>${%</code>. */
    public static boolean holdsExpression(String text) {
        return text.contains(DELIMITERS[0][0]) || text.contains(DELIMITERS[1][0]);
    }

    /**
     * @throws ExpressionException when an expression is not closed, does not parse, or crosses the parse limits
     */
    public static Template parse(String text, Limits limits) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int start = -1;
            String[] delimiter = null;
            for (String[] d : DELIMITERS) {
                int found = text.indexOf(d[0], at);
                if (found >= 0 && (start < 0 || found < start)) {
                    start = found;
                    delimiter = d;
                }
            }
            if (delimiter == null) {
                if (at < text.length()) {
                    parts.add(new Part(text.substring(at), null, at, text.length()));
                }
                return new Template(text, parts);
            }
            int close = text.indexOf(delimiter[1], start + delimiter[0].length());
            if (close < 0) {
                throw new ExpressionException(text.substring(start), "", "is not closed: add '" + delimiter[1]
                        + "' after the expression");
            }
            if (start > at) {
                parts.add(new Part(text.substring(at, start), null, at, start));
            }
            String source = text.substring(start + delimiter[0].length(), close);
            int end = close + delimiter[1].length();
            parts.add(new Part(source, Expression.parse(source, limits), start, end));
            at = end;
        }
    }

    public String text() {
        return text;
    }

    public List<Part> parts() {
        return parts;
    }

    /** The expressions, in order. */
    public List<Expression> expressions() {
        return parts.stream().filter(Part::isExpression).map(Part::expression).toList();
    }
}
