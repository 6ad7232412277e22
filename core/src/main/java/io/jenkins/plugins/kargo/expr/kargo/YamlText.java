package io.jenkins.plugins.kargo.expr.kargo;

import io.jenkins.plugins.kargo.expr.Budget;
import io.jenkins.plugins.kargo.expr.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code asYAML(x)}: plain data as block YAML, keys in order (as Go's YAML encoder writes them), strings plain when
 * YAML reads them back as the same string and double-quoted (JSON's escapes, which YAML shares) otherwise. Written
 * within the evaluation's budget: a step per value, and the text bounded as it grows.
 */
final class YamlText {

    /** Text YAML reads back as this very string, unquoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@+-]*(?: [A-Za-z0-9_./@+()-]+)*");
    /** Plain text YAML would read as something else: booleans, nil, numbers. */
    private static final Pattern SPECIAL = Pattern.compile("(?i)(true|false|yes|no|on|off|y|n|null|~|[-+]?\\.?(inf|nan))"
            + "|[-+]?[0-9._]+([eE][-+]?[0-9]+)?|0[xXoObB][0-9a-fA-F_]+");

    private YamlText() {
    }

    static String write(Object data, Budget budget) {
        StringBuilder out = new StringBuilder();
        if (data instanceof Map<?, ?> map && !map.isEmpty()) {
            map(map, "", out, budget);
        } else if (data instanceof List<?> list && !list.isEmpty()) {
            list(list, "", out, budget);
        } else {
            out.append(scalar(data, budget)).append('\n');
        }
        budget.chargeString(out.length());
        return out.toString();
    }

    private static void map(Map<?, ?> map, String indent, StringBuilder out, Budget budget) {
        boolean first = true;
        for (Map.Entry<String, Object> entry : sorted(map).entrySet()) {
            if (!first) {
                out.append(indent);
            }
            first = false;
            out.append(scalar(entry.getKey(), budget)).append(':');
            value(entry.getValue(), indent, out, budget);
        }
    }

    private static void list(List<?> list, String indent, StringBuilder out, Budget budget) {
        boolean first = true;
        for (Object item : list) {
            if (!first) {
                out.append(indent);
            }
            first = false;
            out.append("- ");
            if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                map(map, indent + "  ", out, budget);
            } else if (item instanceof List<?> inner && !inner.isEmpty()) {
                list(inner, indent + "  ", out, budget);
            } else {
                out.append(scalar(item, budget)).append('\n');
            }
        }
    }

    /** What follows a key: a nested block on the next lines, or a scalar on the same line. */
    private static void value(Object value, String indent, StringBuilder out, Budget budget) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n').append(indent).append("  ");
            map(map, indent + "  ", out, budget);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('\n').append(indent);
            list(list, indent, out, budget);
        } else {
            out.append(' ').append(scalar(value, budget)).append('\n');
        }
        if (out.length() > budget.limits().maxStringLength()) {
            budget.chargeString(out.length()); // throws: the limit is crossed
        }
    }

    private static String scalar(Object value, Budget budget) {
        budget.charge(1);
        if (value instanceof String s) {
            return PLAIN.matcher(s).matches() && !SPECIAL.matcher(s).matches() ? s : Json.write(s, false, budget);
        }
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        if (value instanceof List<?>) {
            return "[]";
        }
        return Json.write(value, false, budget); // null, booleans and numbers are written alike
    }

    private static Map<String, Object> sorted(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        return sorted;
    }
}
