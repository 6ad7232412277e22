package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value of a YAML document seen at its field path: typed reads that report wrong types, missing and unknown fields
 * (with the file, line, field and a fix) instead of throwing, so that one load reports every problem.
 * A read that fails yields the default, and the load fails at the end.
 */
final class ConfigNode {

    private final YamlDocument document;
    private final JsonNode node;
    private final String path;
    private final Problems problems;

    ConfigNode(YamlDocument document, JsonNode node, String path, Problems problems) {
        this.document = document;
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    static ConfigNode root(YamlDocument document, Problems problems) {
        return new ConfigNode(document, document.root(), "", problems);
    }

    SourceLocation location() {
        return document.locate(path);
    }

    String path() {
        return path;
    }

    JsonNode json() {
        return node;
    }

    YamlDocument document() {
        return document;
    }

    /** Present: written, and not {@code null} / {@code ~}. */
    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    boolean has(String field) {
        return get(field).present();
    }

    ConfigNode get(String field) {
        JsonNode child = node.isObject() && node.has(field) ? node.get(field) : MissingNode.getInstance();
        return new ConfigNode(document, child, YamlDocument.child(path, field), problems);
    }

    void error(String message, String fix) {
        problems.error(location(), message, fix);
    }

    void warning(WarningKind kind, String message, String fix) {
        problems.warning(kind, location(), message, fix);
    }

    /** True if this is a mapping; reports an error if it is present but something else. */
    boolean isMapping(String example) {
        if (node.isObject()) {
            return true;
        }
        if (present()) {
            error("expected a mapping (key: value pairs) but found " + describe(node), "write it as " + example);
        }
        return false;
    }

    /** Reports each field not among {@code known}, with the closest known name. */
    void allowOnly(String... known) {
        allowOnly(Arrays.asList(known));
    }

    void allowOnly(Collection<String> known) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                get(name).error("unknown field '" + name + "'", Spelling.suggest(name, known, "known fields here are"));
            }
        }
    }

    /** Warns about each of {@code fields} that is set: a real field of the format that this engine ignores. */
    void ignoreUnsupported(String... fields) {
        for (String field : fields) {
            if (has(field)) {
                get(field).warning(WarningKind.UNSUPPORTED_FIELD, "'" + field + "' is not supported yet and is ignored", "remove it");
            }
        }
    }

    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Elements of a list; empty if absent; an error if present but not a list. */
    List<ConfigNode> items() {
        if (!present()) {
            return List.of();
        }
        if (!node.isArray()) {
            error("expected a list but found " + describe(node), "write each entry on its own line starting with '- '");
            return List.of();
        }
        List<ConfigNode> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(document, node.get(i), YamlDocument.element(path, i), problems));
        }
        return items;
    }

    /** The scalar as text, or null if absent; an error if it is a mapping or list. */
    String text() {
        if (!present()) {
            return null;
        }
        if (node.isContainerNode()) {
            error("expected a single value but found " + describe(node), "write a plain value, e.g. 'key: value'");
            return null;
        }
        return node.asText();
    }

    String text(String field) {
        return get(field).text();
    }

    String text(String field, String fallback) {
        String value = text(field);
        return value == null ? fallback : value;
    }

    /** The text of a required field; reports a missing or empty one with {@code fix}. */
    String requiredText(String field, String fix) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            if (get(field).node.isContainerNode()) {
                return "";
            }
            (has(field) ? get(field) : this).error("missing required field '" + field + "'", fix);
            return "";
        }
        return value;
    }

    boolean bool(String field, boolean fallback) {
        ConfigNode child = get(field);
        if (!child.present()) {
            return fallback;
        }
        if (!child.node.isBoolean()) {
            child.error("'" + field + "' must be true or false, found " + describe(child.node),
                    "write " + field + ": true or " + field + ": false (without quotes)");
            return fallback;
        }
        return child.node.booleanValue();
    }

    int integer(String field, int fallback, int min, int max) {
        ConfigNode child = get(field);
        if (!child.present()) {
            return fallback;
        }
        if (!child.node.isIntegralNumber() || !child.node.canConvertToInt()) {
            child.error("'" + field + "' must be a whole number, found " + describe(child.node),
                    "write a number between " + min + " and " + max + " without quotes");
            return fallback;
        }
        int value = child.node.intValue();
        if (value < min || value > max) {
            child.error("'" + field + "' is " + value + ", outside " + min + ".." + max,
                    "use a value between " + min + " and " + max);
            return fallback;
        }
        return value;
    }

    /** A duration in Kargo's form ({@code 5m}, {@code 1h30m}: units s, m, h only). */
    Duration kargoDuration(String field, Duration fallback) {
        String value = text(field);
        if (value == null) {
            return fallback;
        }
        if (!GoDuration.isKargo(value)) {
            get(field).error("'" + field + "' is '" + value + "', not a duration matching " + GoDuration.KARGO.pattern(),
                    "write a number with unit s, m or h, e.g. 30s, 5m or 1h30m");
            return fallback;
        }
        return GoDuration.parse(value);
    }

    /** A duration in Go's form, as Argo Rollouts reads it ({@code 10s}, {@code 1m30s}, {@code 500ms}). */
    Duration goDuration(String field, Duration fallback) {
        String value = text(field);
        if (value == null) {
            return fallback;
        }
        if (!GoDuration.isGo(value)) {
            get(field).error("'" + field + "' is '" + value + "', not a duration",
                    "write a number with a unit (ms, s, m, h), e.g. 10s, 1m or 1m30s");
            return fallback;
        }
        return GoDuration.parse(value);
    }

    List<String> texts(String field) {
        List<String> values = new ArrayList<>();
        for (ConfigNode item : get(field).items()) {
            String value = item.text();
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** A mapping of text to text ({@code labels}, {@code matchLabels}). */
    Map<String, String> textMap(String field) {
        ConfigNode child = get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (child.isMapping(field + ":\n  key: value")) {
            for (String name : child.fieldNames()) {
                String value = child.text(name);
                map.put(name, value == null ? "" : value);
            }
        }
        return map;
    }

    /** One of an enum's constants, written exactly as the constant is named (Kargo's spelling). */
    <E extends Enum<E>> E enumValue(String field, Class<E> type, E fallback) {
        String value = text(field);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (!names.contains(value)) {
            get(field).error("'" + field + "' is '" + value + "', which is not one of " + String.join(", ", names),
                    Spelling.suggest(value, names, "use one of"));
            return fallback;
        }
        return Enum.valueOf(type, value);
    }

    /** Reports that at most one of {@code fields} may be set, returning the one set (or null). */
    String oneOf(Set<String> fields, String what) {
        List<String> set = fields.stream().filter(this::has).sorted().toList();
        if (set.size() > 1) {
            error(what + " sets " + String.join(" and ", set) + ", which exclude each other",
                    "keep only one of " + String.join(", ", set));
        }
        return set.isEmpty() ? null : set.get(0);
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "text '" + abbreviate(node.asText()) + "'";
        }
        return "'" + abbreviate(node.asText()) + "'";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
