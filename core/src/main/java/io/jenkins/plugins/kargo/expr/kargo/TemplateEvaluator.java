package io.jenkins.plugins.kargo.expr.kargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.expr.Budget;
import io.jenkins.plugins.kargo.expr.Environment;
import io.jenkins.plugins.kargo.expr.ExpressionException;
import io.jenkins.plugins.kargo.expr.Json;
import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.expr.Splice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates Kargo's {@code ${{ }}} templates in configuration values ({@code pkg/expressions/json_templates.go}):
 * <ul>
 *   <li>A value without delimiters is left alone ({@code "42"} stays a string).</li>
 *   <li>Otherwise each expression's result is written into the text (a string as it is, anything else as its JSON),
 *       and the whole result is <em>re-read</em> as Kargo documents it, "as YAML would": a trailing newline is set
 *       aside; text in double quotes is that string without them; a number becomes a number, {@code true} /
 *       {@code false} (also {@code True}, {@code TRUE}, ...) a boolean, JSON ({@code null}, an object, an array) its
 *       value; anything else stays a string. So {@code ${{ 40 + 2 }}} is the number 42, {@code ${{ imageFrom(r) }}}
 *       an object, and a tag {@code 1.10} from {@code ${{ imageFrom(r).Tag }}} the number 1.1, exactly as in
 *       Kargo.</li>
 *   <li>A template in which {@code quote()}, {@code unsafeQuote()}, {@code asJSON()} or {@code asYAML()} made a
 *       result is a string: {@code ${{ quote(40 + 2) }}} is {@code "42"}.</li>
 *   <li>In an <em>expression field</em> (a step's {@code successExpression}, an output's {@code fromExpression}),
 *       whose text is itself an expression evaluated later, each {@code ${{ }}} becomes its value written as a value
 *       where it stands ({@link Splice}): data never becomes syntax.</li>
 * </ul>
 * Every expression of one call shares the {@link Budget} it is given.
 */
public final class TemplateEvaluator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern GO_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> YAML_TRUE = Set.of("true", "True", "TRUE");
    private static final Set<String> YAML_FALSE = Set.of("false", "False", "FALSE");

    private final Limits limits;

    public TemplateEvaluator(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Evaluates one configuration value as described on the class.
     *
     * @param field where the value was written ({@code config.images[0].tag}), for error messages
     * @throws ExpressionException naming the field and the expression that failed
     */
    public Object evaluate(String text, String field, Environment environment, Budget budget)
            throws InterruptedException {
        if (!Template.holdsExpression(text)) {
            return text;
        }
        try {
            Template template = Template.parse(text, limits);
            Set<Object> quoted = Collections.newSetFromMap(new IdentityHashMap<>());
            Environment withValues = environment.with(ValueFunctions.tracking(quoted));
            StringBuilder out = new StringBuilder();
            boolean keepString = false;
            for (Template.Part part : template.parts()) {
                if (!part.isExpression()) {
                    out.append(part.text());
                    continue;
                }
                Object value = part.expression().evaluate(withValues, budget);
                try {
                    if (value instanceof String s) {
                        keepString |= quoted.contains(s);
                        out.append(s);
                    } else {
                        out.append(Json.write(value, false, budget));
                    }
                    budget.chargeString(out.length());
                } catch (ExpressionException e) {
                    throw e.about(part.text());
                }
            }
            return keepString ? out.toString() : reread(out.toString(), budget);
        } catch (ExpressionException e) {
            throw e.in(field);
        }
    }

    /**
     * Evaluates every string value inside {@code tree}, recursively (object keys are never evaluated), and returns a
     * new tree; {@code tree} is not changed.
     *
     * @param field            the name of the tree's root for error messages ({@code config})
     * @param expressionFields paths under the root whose values are expressions evaluated later, with {@code []} for
     *                         any list index ({@code successExpression}, {@code outputs[].fromExpression}): their
     *                         {@code ${{ }}} are {@linkplain #splice spliced as values}
     */
    public JsonNode evaluate(JsonNode tree, String field, Set<String> expressionFields, Environment environment,
                             Budget budget) throws InterruptedException {
        return evaluate(tree, field, "", expressionFields, environment, budget);
    }

    private JsonNode evaluate(JsonNode tree, String field, String path, Set<String> expressionFields,
                              Environment environment, Budget budget) throws InterruptedException {
        if (tree.isTextual()) {
            if (expressionFields.contains(INDEX.matcher(path).replaceAll("[]"))) {
                return JSON.getNodeFactory().textNode(splice(tree.textValue(), field, environment, budget));
            }
            return JSON.valueToTree(evaluate(tree.textValue(), field, environment, budget));
        }
        if (tree.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                out.set(entry.getKey(), evaluate(entry.getValue(), field + "." + entry.getKey(),
                        path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), expressionFields,
                        environment, budget));
            }
            return out;
        }
        if (tree.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (int i = 0; i < tree.size(); i++) {
                out.add(evaluate(tree.get(i), field + "[" + i + "]", path + "[" + i + "]", expressionFields,
                        environment, budget));
            }
            return out;
        }
        return tree.deepCopy();
    }

    /**
     * An expression field's text with each {@code ${{ }}} replaced by its value, written as a value where it stands
     * (inside a string literal: escaped text; elsewhere: one literal), never as syntax.
     */
    public String splice(String text, String field, Environment environment, Budget budget)
            throws InterruptedException {
        if (!Template.holdsExpression(text)) {
            return text;
        }
        try {
            Template template = Template.parse(text, limits);
            Environment withValues = environment.with(ValueFunctions.plain());
            List<Splice.Placeholder> placeholders = new ArrayList<>();
            for (Template.Part part : template.parts()) {
                if (part.isExpression()) {
                    placeholders.add(new Splice.Placeholder(part.start(), part.end(),
                            part.expression().evaluate(withValues, budget)));
                }
            }
            return Splice.substitute(text, placeholders, budget);
        } catch (ExpressionException e) {
            throw e.in(field);
        }
    }

    /** Kargo's reading of a template's result, as described on the class. */
    static Object reread(String result, Budget budget) {
        boolean newline = result.endsWith("\n");
        String text = newline ? result.substring(0, result.length() - 1) : result;
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1) + (newline ? "\n" : "");
        }
        String bare = text.strip();
        if (GO_NUMBER.matcher(bare).matches()) {
            if (bare.matches("[+-]?\\d{1,18}")) {
                return Long.parseLong(bare);
            }
            double number = Double.parseDouble(bare);
            if (Double.isFinite(number)) {
                return number;
            }
        }
        if (YAML_TRUE.contains(bare) || YAML_FALSE.contains(bare)) {
            return YAML_TRUE.contains(bare);
        }
        if (!bare.isEmpty() && "{[n".indexOf(bare.charAt(0)) >= 0) {
            var parsed = Json.parse(bare, budget);
            if (parsed.isPresent()) {
                return parsed.get().value();
            }
        }
        return result;
    }
}
