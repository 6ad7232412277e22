package io.jenkins.plugins.kargo.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine's values are and how expr-lang's operators treat them ({@code vm/runtime}). Values are
 * {@code null} (nil), {@link Boolean}, {@link Long} (int), {@link Double} (float), {@link String}, {@link List}
 * (array), {@link Map} (map), {@link Duration} (time.Duration), {@link ZonedDateTime} (time.Time), {@link ZoneId}
 * (a time zone), {@link Bytes} and {@link ExprObject}s. Data handed in may hold other {@link Number}s; they are read
 * as ints or floats. Anything else handed in is opaque: an expression can pass it around but not look inside it.
 */
final class Values {

    private Values() {
    }

    /** Reads a value handed in as the engine's own: other integers as Long, other floats as Double. */
    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double || value instanceof List || value instanceof Map) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof byte[] bytes) {
            return new Bytes(bytes);
        }
        return value;
    }

    static boolean isNumber(Object value) {
        return value instanceof Number;
    }

    /** An int: a Long or another integral Number (a Number that is also a list reads as a float). */
    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || (value instanceof BigInteger big && big.bitLength() < 64);
    }

    static double toDouble(Object value) {
        return ((Number) value).doubleValue();
    }

    /** Go's {@code ToInt}: an int as it is, a float truncated toward zero. */
    static long toLong(Object value, String what) {
        if (isInteger(value)) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw Failure.evaluation(what + " must be a finite number, not " + GoText.floatV(d));
            }
            return (long) d;
        }
        throw Failure.evaluation(what + " must be a number, not " + describe(value));
    }

    /** The name {@code type(x)} gives, also used in messages. */
    static String type(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof List) {
            return "array";
        }
        if (isInteger(value)) {
            return "int";
        }
        if (value instanceof Number) {
            return "float";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Map) {
            return "map";
        }
        if (value instanceof Duration) {
            return "time.Duration";
        }
        if (value instanceof ZonedDateTime) {
            return "time.Time";
        }
        if (value instanceof ZoneId) {
            return "time.Location";
        }
        if (value instanceof Bytes) {
            return "array";
        }
        if (value instanceof ExprObject object) {
            return object.typeName();
        }
        return "unknown";
    }

    /** A value for a message: its type and, when short, the value itself. */
    static String describe(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof String text) {
            return "string \"" + (text.length() <= 40 ? text : text.substring(0, 37) + "...") + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return type(value) + " " + (value instanceof Double d ? GoText.floatV(d) : value.toString());
        }
        return type(value);
    }

    // ---- comparison

    /** expr-lang's {@code ==}: numbers by value whatever their type, lists and maps element by element. */
    static boolean equal(Object a, Object b, Budget budget, int depth) {
        budget.step();
        budget.depth(depth);
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number && b instanceof Number) {
            if (isInteger(a) && isInteger(b)) {
                return ((Number) a).longValue() == ((Number) b).longValue();
            }
            return toDouble(a) == toDouble(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(normalize(x.get(i)), normalize(y.get(i)), budget, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey())
                        || !equal(normalize(entry.getValue()), normalize(y.get(entry.getKey())), budget, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
            return x.isEqual(y);
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    /** expr-lang's {@code < > <= >=}: numbers, strings, times and durations; anything else is an error. */
    static boolean compare(String operator, Object a, Object b) {
        int order;
        if (a instanceof Number && b instanceof Number) {
            if (isInteger(a) && isInteger(b)) {
                order = Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            } else {
                double x = toDouble(a);
                double y = toDouble(b);
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    return false; // as in Go: every ordering with NaN is false
                }
                order = Double.compare(x, y) == 0 || x == y ? 0 : x < y ? -1 : 1;
            }
        } else if (a instanceof String x && b instanceof String y) {
            order = x.compareTo(y);
        } else if (a instanceof Duration x && b instanceof Duration y) {
            order = x.compareTo(y);
        } else if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
            order = x.toInstant().compareTo(y.toInstant());
        } else {
            throw Failure.evaluation("invalid operation: " + describe(a) + " " + operator + " " + describe(b));
        }
        return switch (operator) {
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            default -> order >= 0;
        };
    }

    /** {@code needle in haystack}: an element of a list, a key of a map; nothing is in nil. */
    static boolean in(Object needle, Object haystack, Budget budget) {
        if (haystack == null) {
            return false;
        }
        if (haystack instanceof List<?> list) {
            for (Object element : list) {
                if (equal(normalize(element), needle, budget, 1)) {
                    return true;
                }
            }
            return false;
        }
        if (haystack instanceof Map<?, ?> map) {
            return map.containsKey(needle) || (needle instanceof Long n && map.containsKey(String.valueOf(n)));
        }
        throw Failure.evaluation("operator \"in\" is not defined on " + describe(haystack)
                + "; it looks in a list or among a map's keys");
    }

    // ---- arithmetic

    static Object add(Object a, Object b, Budget budget) {
        if (a instanceof String x && b instanceof String y) {
            budget.string((long) x.length() + y.length());
            return x.concat(y);
        }
        if (a instanceof Number && b instanceof Number) {
            if (isInteger(a) && isInteger(b)) {
                return exact(() -> Math.addExact(((Number) a).longValue(), ((Number) b).longValue()), a, "+", b);
            }
            return toDouble(a) + toDouble(b);
        }
        if (a instanceof ZonedDateTime t && b instanceof Duration d) {
            return t.plus(d);
        }
        if (a instanceof Duration d && b instanceof ZonedDateTime t) {
            return t.plus(d);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return x.plus(y);
        }
        throw invalid(a, "+", b);
    }

    static Object subtract(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            if (isInteger(a) && isInteger(b)) {
                return exact(() -> Math.subtractExact(((Number) a).longValue(), ((Number) b).longValue()), a, "-", b);
            }
            return toDouble(a) - toDouble(b);
        }
        if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
            return Duration.between(y, x);
        }
        if (a instanceof ZonedDateTime t && b instanceof Duration d) {
            return t.minus(d);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return x.minus(y);
        }
        throw invalid(a, "-", b);
    }

    static Object multiply(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            if (isInteger(a) && isInteger(b)) {
                return exact(() -> Math.multiplyExact(((Number) a).longValue(), ((Number) b).longValue()), a, "*", b);
            }
            return toDouble(a) * toDouble(b);
        }
        if (a instanceof Duration d && isInteger(b)) {
            return d.multipliedBy(((Number) b).longValue());
        }
        if (isInteger(a) && b instanceof Duration d) {
            return d.multipliedBy(((Number) a).longValue());
        }
        throw invalid(a, "*", b);
    }

    /** {@code /} always gives a float, as in expr-lang: {@code 7 / 2} is 3.5. */
    static Object divide(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return toDouble(a) / toDouble(b);
        }
        throw invalid(a, "/", b);
    }

    static Object modulo(Object a, Object b) {
        if (isInteger(a) && isInteger(b)) {
            long divisor = ((Number) b).longValue();
            if (divisor == 0) {
                throw Failure.evaluation("integer divide by zero");
            }
            return ((Number) a).longValue() % divisor;
        }
        throw invalid(a, "%", b);
    }

    static Object power(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return Math.pow(toDouble(a), toDouble(b));
        }
        throw invalid(a, "**", b);
    }

    static Object negate(Object value) {
        if (isInteger(value)) {
            long n = ((Number) value).longValue();
            if (n == Long.MIN_VALUE) {
                throw Failure.evaluation("integer overflow: -(" + n + ")");
            }
            return -n;
        }
        if (value instanceof Number) {
            return -toDouble(value);
        }
        if (value instanceof Duration d) {
            return d.negated();
        }
        throw Failure.evaluation("invalid operation: -" + describe(value));
    }

    private interface LongOperation {
        long apply();
    }

    private static Object exact(LongOperation operation, Object a, String operator, Object b) {
        try {
            return operation.apply();
        } catch (ArithmeticException e) {
            throw Failure.evaluation("integer overflow: " + a + " " + operator + " " + b);
        }
    }

    private static Failure invalid(Object a, String operator, Object b) {
        return Failure.evaluation("invalid operation: " + describe(a) + " " + operator + " " + describe(b));
    }

    // ---- text and data

    /** Go's {@code fmt.Sprint(x)}, as {@code string(x)} gives it: {@code [1 2]}, {@code map[a:1]}, {@code 1e+06}. */
    static String goString(Object value, Budget budget, int depth) {
        budget.step();
        budget.depth(depth);
        Object v = normalize(value);
        String text;
        if (v == null) {
            text = "<nil>";
        } else if (v instanceof String s) {
            text = s;
        } else if (v instanceof Double d) {
            text = GoText.floatV(d);
        } else if (v instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : " ").append(goString(list.get(i), budget, depth + 1));
                budget.string(out.length());
            }
            text = out.append(']').toString();
        } else if (v instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<String, Object> entry : sorted(map).entrySet()) {
                out.append(first ? "" : " ").append(entry.getKey()).append(':')
                        .append(goString(entry.getValue(), budget, depth + 1));
                first = false;
                budget.string(out.length());
            }
            text = out.append(']').toString();
        } else if (v instanceof Duration d) {
            text = GoText.duration(d);
        } else if (v instanceof ZonedDateTime t) {
            text = GoTime.string(t);
        } else if (v instanceof ZoneId zone) {
            text = Methods.zoneName(zone);
        } else if (v instanceof ExprObject object) {
            Object data = object.toData();
            text = data instanceof String s ? s : goString(data, budget, depth + 1);
        } else if (v instanceof Number || v instanceof Boolean || v instanceof Bytes) {
            text = v.toString();
        } else {
            throw Failure.evaluation("cannot make a string of " + describe(v));
        }
        budget.string(text.length());
        return text;
    }

    /** A map's entries by key as text, in key order (Go prints and marshals maps with sorted keys). */
    static Map<String, Object> sorted(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(normalize(k)), v));
        return sorted;
    }

    /**
     * The value as plain data for the caller: null, Boolean, Long, Double, String, and unmodifiable Lists and Maps
     * with String keys of those. Durations become their nanoseconds, times their RFC 3339 text and other engine
     * values their data form, as Kargo's JSON rendering gives them. Strings are returned as they are (the same
     * instances), lists and maps are copied within the budget.
     */
    static Object toData(Object value, Budget budget, int depth) {
        budget.step();
        budget.depth(depth);
        Object v = normalize(value);
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof List<?> list) {
            budget.collection(list.size());
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(toData(element, budget, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            budget.collection(map.size());
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object key = normalize(entry.getKey());
                out.put(key instanceof String s ? s : goString(key, budget, depth + 1),
                        toData(entry.getValue(), budget, depth + 1));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Duration d) {
            return d.toNanos();
        }
        if (v instanceof ZonedDateTime t) {
            return GoTime.json(t);
        }
        if (v instanceof ZoneId zone) {
            return Methods.zoneName(zone);
        }
        if (v instanceof Bytes bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes.content());
        }
        if (v instanceof ExprObject object) {
            return toData(object.toData(), budget, depth + 1);
        }
        throw Failure.evaluation("gives a " + v.getClass().getSimpleName() + ", which is not data (string, number,"
                + " boolean, list, map or nil)");
    }
}
