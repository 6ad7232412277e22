package io.jenkins.plugins.kargo.expr.kargo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.jenkins.plugins.kargo.expr.Arguments;
import io.jenkins.plugins.kargo.expr.Budget;
import io.jenkins.plugins.kargo.expr.Functions;
import io.jenkins.plugins.kargo.expr.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;

/**
 * Kargo's value functions, wherever {@code ${{ }}} is: {@code quote(x)} (x as a string: a string as it is, anything
 * else its JSON text), {@code unsafeQuote(x)} (x's JSON text, quotes included for a string), {@code asJSON(x)}
 * (pretty JSON and a newline) and {@code asYAML(x)} (YAML). Their results stay strings in a template: Kargo marks
 * them so its re-reading of a template's result (which makes {@code 42} a number) leaves them alone; here the
 * template evaluator recognises the very strings these functions made.
 */
public final class ValueFunctions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ValueFunctions() {
    }

    /** The functions for expressions outside templates (an {@code http} step's {@code successExpression}, ...). */
    public static Functions plain() {
        return library(null);
    }

    /** The functions for one template: every string they make is added to {@code made} (an identity set). */
    static Functions tracking(Set<Object> made) {
        return library(made);
    }

    private static Functions library(Set<Object> made) {
        return Functions.builder()
                .add("quote", 1, a -> mark(made, a.get(0) instanceof String s ? new String(s)
                        : Json.write(a.get(0), false, a.budget())))
                .add("unsafeQuote", 1, a -> mark(made, Json.write(a.get(0), false, a.budget())))
                .add("asJSON", 1, a -> mark(made, Json.write(a.get(0), true, a.budget()) + "\n"))
                .add("asYAML", 1, a -> mark(made, yaml(a)))
                .build();
    }

    private static String mark(Set<Object> made, String text) {
        String fresh = new String(text); // a new instance: marking it marks nothing else
        if (made != null) {
            made.add(fresh);
        }
        return fresh;
    }

    private static String yaml(Arguments a) {
        Object data = a.data(0);
        BoundedWriter out = new BoundedWriter(a.budget());
        try {
            YAML.writeValue(out, data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("asYAML(): cannot render " + Arguments.typeOf(data) + " as YAML");
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toString();
    }

    /** Text that may not grow past the budget's string limit; checked as it is written, not after. */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final Budget budget;

        BoundedWriter(Budget budget) {
            this.budget = budget;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            if (text.length() > budget.limits().maxStringLength()) {
                budget.chargeString(text.length()); // throws: the limit is crossed
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            budget.chargeString(text.length());
            return text.toString();
        }
    }
}
