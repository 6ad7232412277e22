package io.jenkins.plugins.kargo.promotion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way a step's {@code config} becomes its typed record, as Kargo converts every step's configuration into its
 * generated type with one generic function. Jackson binds it; unknown fields are refused, as Kargo's step schemas
 * say ({@code additionalProperties: false}), so a typo never falls back to a default; a record checks its own rules
 * in its constructor with {@link #require}.
 *
 * <p>Every refusal reads the same way, the field's path, its value where it has one, what is wrong and the fix:
 * <pre>
 * config.images[0].tag must be a string, not 5
 * config.verb is not a field of http; the fields are body, headers, method, ...
 * config.checkout[0] sets more than one of branch, commit and tag; set only one
 * config.path is '../out', which leaves the promotion's working directory; remove the '..'
 * </pre>
 */
public final class StepConfig {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StepConfig() {
    }

    /**
     * The step's {@code config} as {@code type}; a missing or null config binds as an empty object.
     *
     * @throws StepException naming the field, its value and the fix
     */
    public static <T> T bind(String step, JsonNode config, Class<T> type) throws StepException {
        JsonNode tree = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config;
        try {
            return JSON.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw error(path(e), "is not a field of " + step, "the fields are " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (ValueInstantiationException e) {
            String at = path(e);
            unknownField(step, at, at(tree, e), e.getType().getRawClass());
            if (e.getCause() instanceof Invalid invalid) {
                throw error(invalid.field.isEmpty() ? at : at + "." + invalid.field, invalid.problem, invalid.fix);
            }
            throw error(at, "is not valid: " + (e.getCause() != null ? e.getCause().getMessage()
                    : e.getOriginalMessage()), "");
        } catch (InvalidFormatException e) {
            Class<?> target = e.getTargetType();
            if (target != null && target.isEnum()) {
                throw error(path(e), "is " + value(e.getValue()) + ", not one of " + Arrays.stream(
                        target.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ")), "");
            }
            throw error(path(e), "must be " + describe(target) + ", not " + value(e.getValue()), "");
        } catch (MismatchedInputException e) {
            String at = path(e);
            throw error(at, "must be " + describe(e.getTargetType()) + ", not " + value(at(tree, e)), "");
        } catch (JsonProcessingException e) {
            throw error("config", "cannot be read: " + e.getOriginalMessage(), "");
        }
    }

    /**
     * A rule of a config record, checked in its constructor: when {@code ok} is false, the binding fails with
     * {@code config.<where the record is>.<field> <problem>; <fix>}.
     *
     * @param field the field of the record at fault; empty when the rule is about the record as a whole
     */
    public static void require(boolean ok, String field, String problem, String fix) {
        if (!ok) {
            throw new Invalid(field, problem, fix);
        }
    }

    /**
     * A refusal of a bound value, found when the step uses it, in the same words.
     *
     * @param field the field's whole path, e.g. {@code config.images[0].image}
     */
    public static StepException error(String field, String problem, String fix) {
        return new StepException(field + " " + problem + (fix.isEmpty() ? "" : "; " + fix));
    }

    /** Whether a string field was given with some text. */
    public static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    /** A list field that may be left out: empty then, else an unmodifiable copy. */
    public static <T> List<T> listOrEmpty(Collection<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** A rule broken in a record's constructor; the binder adds where the record is. */
    private static final class Invalid extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String field;
        private final String problem;
        private final String fix;

        Invalid(String field, String problem, String fix) {
            super(field + " " + problem);
            this.field = field;
            this.problem = problem;
            this.fix = fix;
        }
    }

    /**
     * Refuses a field the record does not have. Jackson reports unknown fields only after it made the record, so a
     * rule of the record would otherwise hide a typo (a {@code tags} makes {@code tag} missing).
     */
    private static void unknownField(String step, String at, JsonNode node, Class<?> type) throws StepException {
        if (!type.isRecord() || !node.isObject()) {
            return;
        }
        List<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw error(at + "." + name, "is not a field of " + step, "the fields are "
                        + fields.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    /** {@code config.checkout[0].path} from Jackson's reference path. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("config");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The value at the exception's path in the config, to name it in the refusal. */
    private static JsonNode at(JsonNode tree, JsonMappingException e) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        return node;
    }

    private static String value(Object value) {
        if (value instanceof JsonNode node) {
            if (node.isMissingNode() || node.isNull()) {
                return "null";
            }
            if (node.isObject()) {
                return "an object";
            }
            if (node.isArray()) {
                return "a list";
            }
            return node.isTextual() ? "'" + node.asText() + "'" : node.asText();
        }
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
