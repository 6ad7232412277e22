package io.jenkins.plugins.kargo.promotion.expression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kargo's {@code ${{ }}} templates in configuration values. An expression sits between <code>${{</code> and
 * <code>}}</code>, or between <code>${%</code> and <code>%}</code> when it must itself contain <code>}}</code>.
 * <ul>
 *   <li>A value that is one expression and nothing else (surrounding whitespace aside) becomes the expression's value
 *       with its type: {@code ${{ 40 + 2 }}} is the number 42, {@code ${{ imageFrom(r) }}} an object,
 *       {@code ${{ imageFrom(r).Tag }}} the string {@code 1.0}.</li>
 *   <li>In a value with text around or between expressions each expression is interpolated: a string as it is,
 *       anything else as its JSON text; the result is a string.</li>
 *   <li>A value without delimiters is left alone ({@code "42"} stays a string).</li>
 * </ul>
 * Unlike Kargo, which renders every result to text and then re-reads it as YAML would, a whole-value result keeps
 * the type the expression gave it, so a tag {@code 1.10} or a string {@code "true"} stays a string; {@code quote(x)}
 * makes anything a string.
 */
public final class TemplateEvaluator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String[]> DELIMITERS = List.of(new String[] {"${{", "}}"}, new String[] {"${%", "%}"});

    private final ExpressionEngine engine;

    public TemplateEvaluator(ExpressionEngine engine) {
        this.engine = engine;
    }

    public ExpressionEngine engine() {
        return engine;
    }

    /** Whether {@code text} holds at least one <code>${{</code> or <code>${%</code>. */
    public static boolean containsExpression(String text) {
        return DELIMITERS.stream().anyMatch(d -> text.contains(d[0]));
    }

    /**
     * Evaluates the expressions of one value as described on the class.
     *
     * @param field where the value was written ({@code config.images[0].tag}), for error messages
     * @throws ExpressionException naming the field and the expression that failed
     */
    public Object evaluate(String text, String field, ExpressionScope scope) throws InterruptedException {
        if (!containsExpression(text)) {
            return text;
        }
        List<Part> parts = parse(text, field);
        try {
            if (parts.size() == 1 && parts.get(0).expression()) {
                return engine.evaluate(parts.get(0).text(), scope);
            }
            StringBuilder out = new StringBuilder();
            for (Part part : parts) {
                out.append(part.expression() ? interpolated(engine.evaluate(part.text(), scope)) : part.text());
            }
            return out.toString();
        } catch (ExpressionException e) {
            throw e.in(field);
        }
    }

    /**
     * Evaluates every string value inside {@code tree}, recursively (object keys are never evaluated), and returns a
     * new tree; {@code tree} is not changed.
     *
     * @param field the name of the tree's root for error messages ({@code config})
     */
    public JsonNode evaluate(JsonNode tree, String field, ExpressionScope scope) throws InterruptedException {
        if (tree.isTextual()) {
            return JSON.valueToTree(evaluate(tree.textValue(), field, scope));
        }
        if (tree.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                out.set(entry.getKey(), evaluate(entry.getValue(), field + "." + entry.getKey(), scope));
            }
            return out;
        }
        if (tree.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (int i = 0; i < tree.size(); i++) {
                out.add(evaluate(tree.get(i), field + "[" + i + "]", scope));
            }
            return out;
        }
        return tree.deepCopy();
    }

    private static String interpolated(Object value) {
        if (value instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("expression values are plain data", e);
        }
    }

    /** Splits {@code text} into literal text and expressions; blank text around a lone expression is dropped. */
    private static List<Part> parse(String text, String field) {
        List<Part> parts = new ArrayList<>();
        String rest = text;
        while (true) {
            int start = -1;
            String[] delimiter = null;
            for (String[] d : DELIMITERS) {
                int at = rest.indexOf(d[0]);
                if (at >= 0 && (start < 0 || at < start)) {
                    start = at;
                    delimiter = d;
                }
            }
            if (delimiter == null) {
                if (!rest.isEmpty()) {
                    parts.add(new Part(rest, false));
                }
                break;
            }
            int end = rest.indexOf(delimiter[1], start + delimiter[0].length());
            if (end < 0) {
                throw new ExpressionException(rest.substring(start), field,
                        "is not closed: add '" + delimiter[1] + "' after the expression");
            }
            if (start > 0) {
                parts.add(new Part(rest.substring(0, start), false));
            }
            parts.add(new Part(rest.substring(start + delimiter[0].length(), end), true));
            rest = rest.substring(end + delimiter[1].length());
        }
        List<Part> meaningful = parts.stream().filter(p -> p.expression() || !p.text().isBlank()).toList();
        return meaningful.size() == 1 && meaningful.get(0).expression() ? meaningful : parts;
    }

    private record Part(String text, boolean expression) {
    }
}
