package io.jenkins.plugins.kargo.promotion.expression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Kargo's value functions, available wherever {@code ${{ }}} is: {@code quote}, {@code unsafeQuote},
 * {@code asJSON}, {@code asYAML}. Function libraries for a particular use (promotion, verification) extend this class.
 */
public class CommonFunctions implements ExpressionFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** The value as a string: a string stays as it is, anything else becomes its JSON text ({@code 42}, {@code true}). */
    public String quote(Object value) {
        return value instanceof String text ? text : json(value, false);
    }

    /** The value's JSON text, quotes included for a string ({@code "abc"}). */
    public String unsafeQuote(Object value) {
        return json(value, false);
    }

    /** The value as pretty-printed JSON text. */
    public String asJSON(Object value) {
        return json(value, true);
    }

    /** The value as YAML text. */
    public String asYAML(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("asYAML: cannot render a " + typeName(value) + " as YAML", e);
        }
    }

    private static String json(Object value, boolean pretty) {
        try {
            return pretty ? JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value)
                    : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render a " + typeName(value) + " as JSON", e);
        }
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
