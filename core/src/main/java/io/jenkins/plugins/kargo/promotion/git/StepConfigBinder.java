package io.jenkins.plugins.kargo.promotion.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.stream.Collectors;

/**
 * Binds a step's {@code config} to its record, turning Jackson's errors into one line that names the step, the
 * field and what is wrong. Unknown fields are refused, as Kargo's step schemas do ({@code additionalProperties:
 * false}), so a typo does not silently fall back to a default.
 */
final class StepConfigBinder {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StepConfigBinder() {
    }

    /** @throws IllegalArgumentException with a message for the promotion's log */
    static <T> T bind(String step, JsonNode config, Class<T> type) {
        try {
            return JSON.treeToValue(config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config, type);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(step + " config: unknown field '" + where(e, e.getPropertyName())
                    + "'; known fields: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")));
        } catch (ValueInstantiationException e) {
            String at = where(e, null);
            String problem = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException(step + " config: " + (at.isEmpty() ? "" : at + ": ") + problem);
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(step + " config: field '" + where(e, null) + "' must be "
                    + describe(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(step + " config: " + e.getOriginalMessage());
        }
    }

    /** {@code checkout[0].path} from Jackson's reference path, plus a last field when given. */
    private static String where(JsonMappingException e, String last) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null && !ref.getFieldName().equals(last)) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (last != null) {
            path.append(path.isEmpty() ? "" : ".").append(last);
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
