package io.jenkins.plugins.kargo.expr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go's {@code encoding/json} writes it ({@code toJSON}, {@code quote}, ...): map keys in order, floats without
 * a needless {@code .0}, two-space indentation when pretty; written and read within the evaluation's budget, so a
 * huge or deep value ends with a limit error instead of filling the heap or the stack.
 */
public final class Json {

    private Json() {
    }

    /**
     * The JSON text of an expression's value.
     *
     * @param pretty indented with two spaces, as Go's {@code MarshalIndent(v, "", "  ")}
     * @throws ExpressionException when the text would cross the budget's limits or the value has no JSON form (NaN)
     */
    public static String write(Object value, boolean pretty, Budget budget) {
        try {
            return writeData(value, pretty, budget);
        } catch (Failure f) {
            throw f.toException("");
        }
    }

    static String writeData(Object value, boolean pretty, Budget budget) {
        StringBuilder out = new StringBuilder();
        write(Values.toData(value, budget, 1), pretty, "", out, budget);
        budget.string(out.length());
        return out.toString();
    }

    private static void write(Object value, boolean pretty, String indent, StringBuilder out, Budget budget) {
        budget.step();
        if (out.length() > budget.limits().maxStringLength()) {
            budget.string(out.length());
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Double d) {
            out.append(GoText.floatJson(d));
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            String inner = indent + "  ";
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                if (pretty) {
                    out.append('\n').append(inner);
                }
                write(list.get(i), pretty, inner, out, budget);
            }
            out.append(pretty ? "\n" + indent + "]" : "]");
        } else {
            Map<String, Object> map = Values.sorted((Map<?, ?>) value);
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            String inner = indent + "  ";
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                if (pretty) {
                    out.append('\n').append(inner);
                }
                string(entry.getKey(), out);
                out.append(pretty ? ": " : ":");
                write(entry.getValue(), pretty, inner, out, budget);
            }
            out.append(pretty ? "\n" + indent + "}" : "}");
        }
    }

    /** A JSON string literal of {@code text}, escaped as Go does (control characters, quotes, U+2028/9). */
    static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The value of a JSON text, or empty when the text is not JSON (Kargo's re-reading of a template's result).
     *
     * @throws ExpressionException when the value crosses the budget's limits
     */
    public static java.util.Optional<Parsed> parse(String text, Budget budget) {
        try {
            return java.util.Optional.of(new Parsed(read(text, budget)));
        } catch (Failure f) {
            if (f.kind() == ExpressionException.Kind.LIMIT) {
                throw f.toException("");
            }
            return java.util.Optional.empty();
        }
    }

    /** A JSON text's value; {@code value} is null for the text {@code null}. */
    public record Parsed(Object value) {
    }

    /**
     * {@code fromJSON(text)}: numbers as ints when whole and in range, else floats; objects as maps in document order.
     *
     * @throws IllegalArgumentException when the text is not JSON, or nests deeper than the limit
     */
    static Object read(String text, Budget budget) {
        ObjectMapper mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints
                .builder().maxNestingDepth(budget.limits().maxValueDepth())
                .maxStringLength(budget.limits().maxStringLength()).build()).build());
        budget.steps(text.length());
        try {
            return Values.toData(mapper.readValue(text, Object.class), budget, 1);
        } catch (JsonProcessingException e) {
            throw Failure.evaluation("fromJSON: not valid JSON: " + e.getOriginalMessage());
        }
    }
}
