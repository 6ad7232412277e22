package io.jenkins.plugins.kargo.expr;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * expr-lang's built-in functions that take no predicate ({@code builtin/builtin.go}, documented in
 * {@code docs/language-definition.md}): strings, numbers, dates and durations, arrays, maps, conversions, JSON and
 * Base64, bitwise operations. The predicate built-ins ({@code all}, {@code filter}, {@code map}, ...) are evaluated by
 * {@link Interpreter}. Every built-in charges the budget for the work it does and the values it makes.
 */
final class Builtins {

    private interface Body {
        Object apply(List<Object> args, Budget budget);
    }

    private record Builtin(int min, int max, Body body) {
    }

    private static final Map<String, Builtin> ALL = new LinkedHashMap<>();

    private Builtins() {
    }

    private static void define(String name, int min, int max, Body body) {
        ALL.put(name, new Builtin(min, max, body));
    }

    static boolean isBuiltin(String name) {
        return ALL.containsKey(name) || Parser.PREDICATE_BUILTINS.containsKey(name);
    }

    static Set<String> names() {
        return Collections.unmodifiableSet(ALL.keySet());
    }

    static boolean has(String name) {
        return ALL.containsKey(name);
    }

    static Object call(String name, List<Object> args, Budget budget) {
        Builtin builtin = ALL.get(name);
        if (args.size() < builtin.min() || args.size() > builtin.max()) {
            throw Failure.evaluation(name + "() takes " + (builtin.min() == builtin.max() ? "" + builtin.min()
                    : builtin.max() == Integer.MAX_VALUE ? "at least " + builtin.min()
                    : builtin.min() + " to " + builtin.max()) + " arguments, got " + args.size());
        }
        try {
            return builtin.body().apply(args, budget);
        } catch (IllegalArgumentException e) {
            throw Failure.evaluation(e.getMessage());
        }
    }

    // ---- argument access

    private static String string(String function, List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(function + "(): argument " + (i + 1) + " must be a string, not "
                + Values.describe(v));
    }

    private static long integer(String function, List<Object> args, int i) {
        Object v = args.get(i);
        if (Values.isInteger(v)) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException(function + "(): argument " + (i + 1) + " must be an integer, not "
                + Values.describe(v));
    }

    private static List<?> list(String function, Object v) {
        if (v instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(function + "() takes an array, not " + Values.describe(v));
    }

    private static Map<?, ?> map(String function, Object v) {
        if (v instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(function + "() takes a map, not " + Values.describe(v));
    }

    private static Object number(String function, Object v) {
        if (v instanceof Number) {
            return Values.normalize(v) instanceof Long l ? l : (Object) Values.toDouble(v);
        }
        throw new IllegalArgumentException(function + "() takes a number, not " + Values.describe(v));
    }

    private static List<Object> made(List<Object> list, Budget budget) {
        budget.collection(list.size());
        return Collections.unmodifiableList(list);
    }

    private static String made(String text, Budget budget) {
        budget.string(text.length());
        return text;
    }

    static {
        // ---- strings
        define("trim", 1, 2, (a, b) -> {
            String s = string("trim", a, 0);
            b.steps(s.length());
            return a.size() == 1 ? s.strip() : trim(s, string("trim", a, 1), true, true);
        });
        define("trimPrefix", 1, 2, (a, b) -> {
            String s = string("trimPrefix", a, 0);
            String prefix = a.size() == 2 ? string("trimPrefix", a, 1) : " ";
            return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
        });
        define("trimSuffix", 1, 2, (a, b) -> {
            String s = string("trimSuffix", a, 0);
            String suffix = a.size() == 2 ? string("trimSuffix", a, 1) : " ";
            return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
        });
        define("upper", 1, 1, (a, b) -> made(string("upper", a, 0).toUpperCase(java.util.Locale.ROOT), b));
        define("lower", 1, 1, (a, b) -> made(string("lower", a, 0).toLowerCase(java.util.Locale.ROOT), b));
        define("split", 2, 3, (a, b) -> split("split", a, b, false));
        define("splitAfter", 2, 3, (a, b) -> split("splitAfter", a, b, true));
        define("replace", 3, 4, (a, b) -> {
            String s = string("replace", a, 0);
            String old = string("replace", a, 1);
            String replacement = string("replace", a, 2);
            long n = a.size() == 4 ? integer("replace", a, 3) : -1;
            b.steps(s.length());
            return made(replace(s, old, replacement, n, b), b);
        });
        define("repeat", 2, 2, (a, b) -> {
            String s = string("repeat", a, 0);
            long n = integer("repeat", a, 1);
            if (n < 0) {
                throw new IllegalArgumentException("repeat(): the count must not be negative, got " + n);
            }
            b.string(s.length() * n);
            return s.repeat((int) n);
        });
        define("join", 1, 2, (a, b) -> {
            List<?> list = list("join", a.get(0));
            String glue = a.size() == 2 ? string("join", a, 1) : "";
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String s)) {
                    throw new IllegalArgumentException("join() takes an array of strings; element " + i + " is "
                            + Values.describe(Values.normalize(list.get(i))));
                }
                out.append(i == 0 ? "" : glue).append(s);
                b.step();
                if (out.length() > b.limits().maxStringLength()) {
                    b.string(out.length());
                }
            }
            return made(out.toString(), b);
        });
        define("indexOf", 2, 2, (a, b) -> (long) string("indexOf", a, 0).indexOf(string("indexOf", a, 1)));
        define("lastIndexOf", 2, 2, (a, b) ->
                (long) string("lastIndexOf", a, 0).lastIndexOf(string("lastIndexOf", a, 1)));
        define("hasPrefix", 2, 2, (a, b) -> string("hasPrefix", a, 0).startsWith(string("hasPrefix", a, 1)));
        define("hasSuffix", 2, 2, (a, b) -> string("hasSuffix", a, 0).endsWith(string("hasSuffix", a, 1)));

        // ---- numbers
        define("abs", 1, 1, (a, b) -> {
            Object n = number("abs", a.get(0));
            return n instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs((Double) n);
        });
        define("ceil", 1, 1, (a, b) -> Math.ceil(Values.toDouble(number("ceil", a.get(0)))));
        define("floor", 1, 1, (a, b) -> Math.floor(Values.toDouble(number("floor", a.get(0)))));
        define("round", 1, 1, (a, b) -> {
            double d = Values.toDouble(number("round", a.get(0)));
            return d < 0 ? -Math.floor(-d + 0.5) : Math.floor(d + 0.5); // half away from zero, as Go
        });
        define("max", 1, Integer.MAX_VALUE, (a, b) -> extreme("max", a, b, true));
        define("min", 1, Integer.MAX_VALUE, (a, b) -> extreme("min", a, b, false));
        define("mean", 1, Integer.MAX_VALUE, (a, b) -> {
            List<Double> numbers = numbers("mean", a, b);
            return numbers.isEmpty() ? 0.0 : numbers.stream().mapToDouble(Double::doubleValue).sum() / numbers.size();
        });
        define("median", 1, Integer.MAX_VALUE, (a, b) -> {
            List<Double> numbers = new ArrayList<>(numbers("median", a, b));
            if (numbers.isEmpty()) {
                return 0.0;
            }
            Collections.sort(numbers);
            int n = numbers.size();
            return n % 2 == 1 ? numbers.get(n / 2) : (numbers.get(n / 2 - 1) + numbers.get(n / 2)) / 2;
        });

        // ---- conversions
        define("len", 1, 1, (a, b) -> {
            Object v = a.get(0);
            if (v instanceof List<?> list) {
                return (long) list.size();
            }
            if (v instanceof Map<?, ?> map) {
                return (long) map.size();
            }
            if (v instanceof String s) {
                return (long) s.codePointCount(0, s.length());
            }
            if (v instanceof Bytes bytes) {
                return (long) bytes.length();
            }
            throw new IllegalArgumentException("len() takes an array, a map or a string, not " + Values.describe(v));
        });
        define("type", 1, 1, (a, b) -> Values.type(a.get(0)));
        define("int", 1, 1, (a, b) -> {
            Object v = a.get(0);
            if (v instanceof String s) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid operation: int(\"" + s + "\")");
                }
            }
            if (v instanceof Duration d) {
                return d.toNanos();
            }
            return Values.toLong(number("int", v), "int()");
        });
        define("float", 1, 1, (a, b) -> {
            Object v = a.get(0);
            if (v instanceof String s) {
                return parseFloat(s);
            }
            return Values.toDouble(number("float", v));
        });
        define("string", 1, 1, (a, b) -> Values.goString(a.get(0), b, 1));
        define("toJSON", 1, 1, (a, b) -> Json.writeData(a.get(0), true, b));
        define("fromJSON", 1, 1, (a, b) -> Json.read(string("fromJSON", a, 0), b));
        define("toBase64", 1, 1, (a, b) -> made(Base64.getEncoder().encodeToString(
                string("toBase64", a, 0).getBytes(StandardCharsets.UTF_8)), b));
        define("fromBase64", 1, 1, (a, b) -> {
            try {
                return made(new String(Base64.getDecoder().decode(string("fromBase64", a, 0)),
                        StandardCharsets.UTF_8), b);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fromBase64(): not Base64: " + e.getMessage());
            }
        });

        // ---- dates and durations
        define("now", 0, 1, (a, b) -> {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            if (a.isEmpty()) {
                return now;
            }
            if (a.get(0) instanceof ZoneId zone) {
                return now.withZoneSameInstant(zone);
            }
            throw new IllegalArgumentException("now() takes no argument or a timezone(), not "
                    + Values.describe(a.get(0)));
        });
        define("duration", 1, 1, (a, b) -> GoText.parseDuration(string("duration", a, 0)));
        define("date", 1, 3, Builtins::date);
        define("timezone", 1, 1, (a, b) -> zone(string("timezone", a, 0)));

        // ---- arrays
        define("first", 1, 1, (a, b) -> {
            List<?> list = list("first", a.get(0));
            return list.isEmpty() ? null : Values.normalize(list.get(0));
        });
        define("last", 1, 1, (a, b) -> {
            List<?> list = list("last", a.get(0));
            return list.isEmpty() ? null : Values.normalize(list.get(list.size() - 1));
        });
        define("get", 2, 2, (a, b) -> {
            Object v = a.get(0);
            if (v instanceof List<?> list && a.get(1) instanceof Number) {
                long i = Values.toLong(a.get(1), "get() index");
                long at = i < 0 ? list.size() + i : i;
                return at < 0 || at >= list.size() ? null : Values.normalize(list.get((int) at));
            }
            if (v instanceof Map<?, ?> map) {
                return Values.normalize(map.get(a.get(1)));
            }
            return null;
        });
        define("take", 2, 2, (a, b) -> {
            List<?> list = list("take", a.get(0));
            long n = integer("take", a, 1);
            return made(new ArrayList<>(list.subList(0, (int) Math.max(0, Math.min(n, list.size())))), b);
        });
        define("reverse", 1, 1, (a, b) -> {
            List<Object> out = new ArrayList<>(list("reverse", a.get(0)));
            b.steps(out.size());
            Collections.reverse(out);
            return made(out, b);
        });
        define("uniq", 1, 1, (a, b) -> {
            List<Object> out = new ArrayList<>();
            for (Object element : list("uniq", a.get(0))) {
                Object v = Values.normalize(element);
                boolean seen = false;
                for (Object kept : out) {
                    if (Values.equal(kept, v, b, 1)) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) {
                    out.add(v);
                }
            }
            return made(out, b);
        });
        define("concat", 1, Integer.MAX_VALUE, (a, b) -> {
            long size = 0;
            for (Object v : a) {
                size += list("concat", v).size();
            }
            b.collection(size);
            List<Object> out = new ArrayList<>((int) size);
            for (Object v : a) {
                out.addAll(list("concat", v));
            }
            b.steps(size);
            return Collections.unmodifiableList(out);
        });
        define("flatten", 1, 1, (a, b) -> {
            List<Object> out = new ArrayList<>();
            flatten(list("flatten", a.get(0)), out, b, 1);
            return made(out, b);
        });
        define("sort", 1, 2, (a, b) -> {
            List<Object> out = new ArrayList<>();
            for (Object element : list("sort", a.get(0))) {
                out.add(Values.normalize(element));
            }
            boolean descending = order("sort", a, 1);
            b.steps((long) out.size() * (1 + 64 - Long.numberOfLeadingZeros(out.size() + 1L)));
            out.sort((x, y) -> order(x, y, descending));
            return made(out, b);
        });

        // ---- maps
        define("keys", 1, 1, (a, b) -> made(new ArrayList<>(map("keys", a.get(0)).keySet()), b));
        define("values", 1, 1, (a, b) -> made(new ArrayList<>(map("values", a.get(0)).values()), b));
        define("toPairs", 1, 1, (a, b) -> {
            List<Object> out = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map("toPairs", a.get(0)).entrySet()) {
                out.add(Collections.unmodifiableList(java.util.Arrays.asList(entry.getKey(), entry.getValue())));
            }
            b.collection(out.size() * 3L);
            return Collections.unmodifiableList(out);
        });
        define("fromPairs", 1, 1, (a, b) -> {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object pair : list("fromPairs", a.get(0))) {
                if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                    throw new IllegalArgumentException("fromPairs() takes an array of [key, value] pairs, not an"
                            + " array holding " + Values.describe(Values.normalize(pair)));
                }
                out.put(Values.normalize(kv.get(0)), kv.get(1));
            }
            b.collection(out.size());
            return Collections.unmodifiableMap(out);
        });

        // ---- bits
        define("bitand", 2, 2, (a, b) -> integer("bitand", a, 0) & integer("bitand", a, 1));
        define("bitor", 2, 2, (a, b) -> integer("bitor", a, 0) | integer("bitor", a, 1));
        define("bitxor", 2, 2, (a, b) -> integer("bitxor", a, 0) ^ integer("bitxor", a, 1));
        define("bitnand", 2, 2, (a, b) -> integer("bitnand", a, 0) & ~integer("bitnand", a, 1));
        define("bitnot", 1, 1, (a, b) -> ~integer("bitnot", a, 0));
        // as in Go, shifting by 64 or more leaves nothing (or the sign, shifting a negative number right)
        define("bitshl", 2, 2, (a, b) -> shift("bitshl", a) >= 64 ? 0L : integer("bitshl", a, 0) << shift("bitshl", a));
        define("bitshr", 2, 2, (a, b) -> integer("bitshr", a, 0) >> Math.min(63, shift("bitshr", a)));
        define("bitushr", 2, 2, (a, b) -> shift("bitushr", a) >= 64 ? 0L
                : integer("bitushr", a, 0) >>> shift("bitushr", a));
    }

    private static final java.util.regex.Pattern GO_FLOAT =
            java.util.regex.Pattern.compile("[+-]?(\\d[\\d_]*(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** Go's {@code strconv.ParseFloat}: decimal text, or {@code NaN}, {@code Inf}, {@code Infinity} with a sign. */
    static double parseFloat(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (s.length() <= 400 && GO_FLOAT.matcher(s).matches()) {
                    return Double.parseDouble(s.replace("_", ""));
                }
                throw new IllegalArgumentException("invalid operation: float(\"" + ExpressionException.shown(s)
                        + "\")");
            }
        }
    }

    private static long shift(String function, List<Object> args) {
        long n = integer(function, args, 1);
        if (n < 0) {
            throw new IllegalArgumentException(function + "(): negative shift amount " + n);
        }
        return n;
    }

    /** Go's {@code strings.Trim(s, cutset)}. */
    private static String trim(String s, String cutset, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (right && end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.SplitN} / {@code SplitAfterN}: n &lt; 0 all parts, n == 0 none, n &gt; 0 at most n. */
    private static Object split(String function, List<Object> args, Budget budget, boolean after) {
        String s = string(function, args, 0);
        String separator = string(function, args, 1);
        long n = args.size() == 3 ? integer(function, args, 2) : -1;
        budget.steps(s.length());
        List<Object> parts = new ArrayList<>();
        if (n == 0) {
            return made(parts, budget);
        }
        if (separator.isEmpty()) {
            int i = 0;
            while (i < s.length() && (n < 0 || parts.size() < n - 1)) {
                int next = s.offsetByCodePoints(i, 1);
                parts.add(s.substring(i, next));
                i = next;
            }
            if (i < s.length()) {
                parts.add(s.substring(i));
            }
        } else {
            int start = 0;
            int at;
            while ((n < 0 || parts.size() < n - 1) && (at = s.indexOf(separator, start)) >= 0) {
                parts.add(s.substring(start, after ? at + separator.length() : at));
                start = at + separator.length();
            }
            parts.add(s.substring(start));
        }
        budget.string(s.length());
        return made(parts, budget);
    }

    /** Go's {@code strings.Replace}: an empty {@code old} matches before every character and at the end. */
    private static String replace(String s, String old, String replacement, long n, Budget budget) {
        if (n == 0 || (old.isEmpty() && replacement.isEmpty())) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        long done = 0;
        if (old.isEmpty()) {
            int i = 0;
            while (i <= s.length() && (n < 0 || done < n)) {
                out.append(replacement);
                done++;
                if (i == s.length()) {
                    i++;
                    break;
                }
                int next = s.offsetByCodePoints(i, 1);
                out.append(s, i, next);
                i = next;
                budget.string(out.length());
            }
            return i <= s.length() ? out.append(s.substring(Math.min(i, s.length()))).toString() : out.toString();
        }
        int at;
        while ((n < 0 || done < n) && (at = s.indexOf(old, start)) >= 0) {
            out.append(s, start, at).append(replacement);
            start = at + old.length();
            done++;
            if (out.length() > budget.limits().maxStringLength()) {
                budget.string(out.length());
            }
        }
        return out.append(s.substring(start)).toString();
    }

    private static Object extreme(String function, List<Object> args, Budget budget, boolean max) {
        Object best = null;
        List<Object> candidates = new ArrayList<>();
        collect(function, args, candidates, budget, 1);
        for (Object candidate : candidates) {
            if (best == null || Values.compare(max ? ">" : "<", candidate, best)) {
                best = candidate;
            }
        }
        return best;
    }

    private static List<Double> numbers(String function, List<Object> args, Budget budget) {
        List<Object> collected = new ArrayList<>();
        collect(function, args, collected, budget, 1);
        List<Double> numbers = new ArrayList<>(collected.size());
        collected.forEach(n -> numbers.add(Values.toDouble(n)));
        return numbers;
    }

    /** The numbers in the arguments, arrays walked into, as Go's {@code minMax} and {@code mean} do. */
    private static void collect(String function, List<?> values, List<Object> out, Budget budget, int depth) {
        budget.depth(depth);
        for (Object element : values) {
            Object v = Values.normalize(element);
            budget.step();
            if (v instanceof List<?> list) {
                collect(function, list, out, budget, depth + 1);
            } else if (v instanceof Number) {
                out.add(v);
            } else {
                throw new IllegalArgumentException("invalid argument for " + function + " (" + Values.describe(v)
                        + ")");
            }
        }
    }

    private static void flatten(List<?> list, List<Object> out, Budget budget, int depth) {
        budget.depth(depth);
        for (Object element : list) {
            budget.step();
            Object v = Values.normalize(element);
            if (v instanceof List<?> inner) {
                flatten(inner, out, budget, depth + 1);
            } else {
                out.add(v);
                budget.size(out.size());
            }
        }
    }

    /** {@code "asc"} (the default) or {@code "desc"} from the optional argument at {@code index}. */
    static boolean order(String function, List<Object> args, int index) {
        if (args.size() <= index) {
            return false;
        }
        Object order = args.get(index);
        if ("asc".equals(order) || "desc".equals(order)) {
            return "desc".equals(order);
        }
        throw new IllegalArgumentException(function + "(): the order must be \"asc\" or \"desc\", not "
                + Values.describe(order));
    }

    static int order(Object x, Object y, boolean descending) {
        int order = Values.compare("<", x, y) ? -1 : Values.compare(">", x, y) ? 1 : 0;
        return descending ? -order : order;
    }

    private static Object date(List<Object> args, Budget budget) {
        String value = string("date", args, 0);
        ZoneId zone = args.size() == 3 ? zone(string("date", args, 2)) : ZoneOffset.UTC;
        if (args.size() >= 2) {
            return GoTime.parse(value, string("date", args, 1), zone);
        }
        for (String layout : GoTime.DEFAULT_LAYOUTS) {
            try {
                return GoTime.parse(value, layout, zone);
            } catch (IllegalArgumentException e) {
                budget.step();
            }
        }
        throw new IllegalArgumentException("invalid date " + value + "; give its layout, e.g. date(s,"
                + " \"2006-01-02 15:04\")");
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + name);
        }
    }
}
