package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionException;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionScope;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges one measurement by a metric's {@code successCondition} and {@code failureCondition}, with Argo Rollouts'
 * rules ({@code utils/evaluate/evaluate.go}): no condition: Successful; only a success condition: Successful when
 * true, else Failed; only a failure condition: Failed when true, else Successful; both: Failed when the failure
 * condition holds, else Successful when the success condition holds, else Inconclusive. A condition that cannot be
 * evaluated, or gives something other than true or false, makes the measurement an Error.
 *
 * <p>Conditions run in the sandboxed {@link ExpressionEngine} with {@code result} bound to the measured value and
 * {@link ConditionFunctions} as functions. Two expr-lang forms are rewritten first, outside string literals:
 * {@code default(} becomes {@code defaultValue(}, and a closure {@code {# < 500}} becomes a reference to a
 * {@link Closure} that {@code all}/{@code any} evaluate per element (with {@code #} bound to the element). The
 * engine stays lambda-free. A one-element vector is handed over as a {@link SingleValueVector}.
 */
public final class ConditionEvaluator {

    private static final Pattern DEFAULT_CALL = Pattern.compile("(?<![\\w.])default\\s*\\(");

    private final ExpressionEngine engine;

    public ConditionEvaluator(ExpressionEngine engine) {
        this.engine = engine;
    }

    /** A measurement's verdict and, unless Successful, why. */
    public record Assessment(AnalysisPhase phase, String message) {
    }

    /** An expr-lang predicate body; {@code body} is its JEXL form with {@code #} renamed to {@link #ELEMENT}. */
    record Closure(String source, String body) {
        static final String ELEMENT = "__element";
    }

    /**
     * @param successCondition empty when not set
     * @param failureCondition empty when not set
     */
    public Assessment assess(Object result, String successCondition, String failureCondition)
            throws InterruptedException {
        boolean hasSuccess = !successCondition.isBlank();
        boolean hasFailure = !failureCondition.isBlank();
        try {
            if (hasFailure && holds(failureCondition, result)) {
                return new Assessment(AnalysisPhase.FAILED, "failureCondition " + failureCondition.strip()
                        + " is true");
            }
            if (!hasSuccess) {
                return new Assessment(AnalysisPhase.SUCCESSFUL, "");
            }
            if (holds(successCondition, result)) {
                return new Assessment(AnalysisPhase.SUCCESSFUL, "");
            }
            return hasFailure
                    ? new Assessment(AnalysisPhase.INCONCLUSIVE, "neither successCondition "
                            + successCondition.strip() + " nor failureCondition " + failureCondition.strip()
                            + " is true")
                    : new Assessment(AnalysisPhase.FAILED, "successCondition " + successCondition.strip()
                            + " is false");
        } catch (ExpressionException e) {
            return new Assessment(AnalysisPhase.ERROR, e.getMessage());
        }
    }

    private boolean holds(String condition, Object result) throws InterruptedException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("result", SingleValueVector.of(result));
        String expression = rewrite(condition, variables);
        Object verdict = engine.evaluate(expression, new ExpressionScope(variables,
                new ConditionFunctions(engine, variables)));
        if (verdict instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException(condition.strip(), "", "gives " + verdict + ", not true or false");
    }

    /** expr-lang to JEXL: {@code default(} renamed, closures replaced by variables added to {@code variables}. */
    static String rewrite(String condition, Map<String, Object> variables) {
        StringBuilder out = new StringBuilder();
        Matcher defaultCall = DEFAULT_CALL.matcher(condition).useTransparentBounds(true);
        int i = 0;
        while (i < condition.length()) {
            char c = condition.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfString(condition, i);
                out.append(condition, i, end);
                i = end;
            } else if (c == '{' && isClosure(condition, i)) {
                int end = closingBrace(condition, i);
                String source = condition.substring(i + 1, end).strip();
                String name = "__closure" + variables.size();
                variables.put(name, new Closure(source, renameElement(source)));
                out.append(name);
                i = end + 1;
            } else if (defaultCall.region(i, condition.length()).lookingAt()) {
                out.append("defaultValue(");
                i = defaultCall.end();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A brace opens a closure when {@code #} is its first token; otherwise it is a map literal. */
    private static boolean isClosure(String text, int brace) {
        int j = brace + 1;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j < text.length() && text.charAt(j) == '#';
    }

    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = endOfString(text, i) - 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new ExpressionException(text.strip(), "", "has a closure '{' that is never closed");
    }

    private static String renameElement(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfString(body, i);
                out.append(body, i, end);
                i = end - 1;
            } else {
                out.append(c == '#' ? Closure.ELEMENT : String.valueOf(c));
            }
        }
        return out.toString();
    }

    /** The index just past the string literal that starts at {@code open} (backslash escapes honoured). */
    private static int endOfString(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return text.length(); // unterminated: the engine reports it
    }
}
