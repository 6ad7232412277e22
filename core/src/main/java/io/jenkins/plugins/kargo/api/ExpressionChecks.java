package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.expr.ExpressionException;
import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.expr.kargo.KargoExpressions;
import io.jenkins.plugins.kargo.expr.kargo.KargoExpressions.Context;
import java.util.Iterator;
import java.util.regex.Pattern;

/**
 * Parses the expressions of a configuration while it is read, so that a syntax error, an unknown function or
 * variable, or nesting beyond the limit is a {@code kargo apply} error with file, line and field, instead of a
 * promotion or verification that fails when it runs ({@link KargoExpressions} says what each place may use).
 */
final class ExpressionChecks {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final String FIX = "see docs/expressions.md for the language and what each place may use";

    private ExpressionChecks() {
    }

    /** A value that may hold {@code ${{ }}}: a var's value, a verification arg. */
    static void template(ConfigNode node, Context context) {
        String text = node.present() && node.json().isTextual() ? node.json().textValue() : null;
        if (text != null) {
            check(node, () -> KargoExpressions.checkTemplate(text, context, Limits.DEFAULT));
        }
    }

    /** A step's {@code if}: a template, or a bare expression. */
    static void condition(ConfigNode node) {
        String text = node.present() && node.json().isTextual() ? node.json().textValue() : null;
        if (text != null && !text.isBlank()) {
            check(node, () -> KargoExpressions.checkCondition(text, Context.PROMOTION, Limits.DEFAULT));
        }
    }

    /** A warehouse's {@code freightCreationCriteria.expression}: a bare expression over the newest artifacts. */
    static void freightCreationCriteria(ConfigNode node) {
        String text = node.present() && node.json().isTextual() ? node.json().textValue() : null;
        if (text != null && !text.isBlank()) {
            check(node, () -> KargoExpressions.checkCondition(text, Context.FREIGHT_CREATION, Limits.DEFAULT));
        }
    }

    /** Every string value of a step's {@code config}; the step's expression fields as the expressions they are. */
    static void config(ConfigNode config, String uses) {
        walk(config, "", KargoExpressions.expressionFields(uses));
    }

    private static void walk(ConfigNode node, String path, KargoExpressions.ExpressionFields fields) {
        JsonNode json = node.json();
        if (json.isTextual()) {
            String text = json.textValue();
            if (fields.paths().contains(INDEX.matcher(path).replaceAll("[]"))) {
                check(node, () -> KargoExpressions.checkExpressionField(text, Context.PROMOTION, fields.context(),
                        Limits.DEFAULT));
            } else {
                check(node, () -> KargoExpressions.checkTemplate(text, Context.PROMOTION, Limits.DEFAULT));
            }
        } else if (json.isObject()) {
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                walk(node.get(name), path.isEmpty() ? name : path + "." + name, fields);
            }
        } else if (json.isArray()) {
            int i = 0;
            for (ConfigNode item : node.items()) {
                walk(item, path + "[" + i++ + "]", fields);
            }
        }
    }

    /** An analysis metric's {@code successCondition} or {@code failureCondition}, {@code {{ args.X }}} as values. */
    static void analysisCondition(ConfigNode node, String text) {
        if (!text.isBlank()) {
            check(node, () -> KargoExpressions.checkAnalysisCondition(text, Limits.DEFAULT));
        }
    }

    private static void check(ConfigNode node, Runnable check) {
        try {
            check.run();
        } catch (ExpressionException e) {
            node.error(e.getMessage(), FIX);
        }
    }
}
