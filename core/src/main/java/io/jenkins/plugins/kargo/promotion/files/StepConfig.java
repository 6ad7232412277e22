package io.jenkins.plugins.kargo.promotion.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A step's {@code config} (or one object inside it), read field by field so that every error names the field's path,
 * e.g. {@code config.images[1].tag must be a string, not a number}. Unknown fields
 * are refused, as Kargo's step schemas do ({@code additionalProperties: false}).
 */
public final class StepConfig {

    private final String step;
    private final String path;
    private final JsonNode node;

    private StepConfig(String step, String path, JsonNode node) {
        this.step = step;
        this.path = path;
        this.node = node;
    }

    /** The top-level {@code config} of step {@code step}, which must be an object with only {@code fields}. */
    public static StepConfig of(String step, JsonNode config, String... fields) throws StepException {
        StepConfig root = new StepConfig(step, "config", config);
        root.requireObject(fields);
        return root;
    }

    /** A required, non-empty string. */
    public String text(String field) throws StepException {
        String value = optionalText(field);
        if (value.isEmpty()) {
            throw error(field, "is required", "set it to a non-empty string");
        }
        return value;
    }

    /**
     * A required path, resolved inside the promotion's working directory by {@link WorkDirPath}: absolute paths,
     * {@code ..} and symbolic links leading out are refused.
     */
    public Path path(String field, Path workDir) throws StepException {
        return inside(workDir, path + "." + field, text(field));
    }

    /** {@code relative} resolved by {@link WorkDirPath}, its refusal as a step error naming {@code field}. */
    public static Path inside(Path workDir, String field, String relative) throws StepException {
        try {
            return WorkDirPath.resolve(workDir, field, relative);
        } catch (IllegalArgumentException e) {
            throw new StepException(e.getMessage());
        }
    }

    /** A string that may be missing or null; empty if so. */
    public String optionalText(String field) throws StepException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string, not " + describe(value), "");
        }
        return value.asText();
    }

    /** A boolean that may be missing or null; false if so. */
    public boolean flag(String field) throws StepException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error(field, "must be true or false, not " + describe(value), "");
        }
        return value.booleanValue();
    }

    /** Any value, which must be present (null is a value). */
    public JsonNode value(String field) throws StepException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw error(field, "is required", "");
        }
        return value;
    }

    /** An object field allowed only {@code fields}; empty if missing or null. */
    public Optional<StepConfig> object(String field, String... fields) throws StepException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        StepConfig object = new StepConfig(step, path + "." + field, value);
        object.requireObject(fields);
        return Optional.of(object);
    }

    /** The objects of a list field, each allowed only {@code fields}; empty if the field is missing or null. */
    public List<StepConfig> objects(String field, String... fields) throws StepException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(field, "must be a list, not " + describe(value), "");
        }
        List<StepConfig> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            StepConfig item = new StepConfig(step, path + "." + field + "[" + i + "]", value.get(i));
            item.requireObject(fields);
            items.add(item);
        }
        return items;
    }

    /** An error about {@code field} of this object, in the form every step uses. */
    public StepException error(String field, String problem, String fix) {
        return new StepException(path + "." + field + " " + problem + (fix.isEmpty() ? "" : "; " + fix));
    }

    private void requireObject(String... fields) throws StepException {
        if (!node.isObject()) {
            throw new StepException(path + " must be an object, not " + describe(node));
        }
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(name, "is not a field of " + step, "the fields are " + String.join(", ", fields));
            }
        }
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return value.isNull() ? "null" : "a string";
    }
}
