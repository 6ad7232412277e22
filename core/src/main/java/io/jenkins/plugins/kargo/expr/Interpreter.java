package io.jenkins.plugins.kargo.expr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates a parsed expression in the calling thread, charging its {@link Budget} one step per node. Predicates
 * ({@code all(xs, {# > 0})}) are evaluated here too, element by element, in the same thread and budget: there is no
 * thread per closure and nothing an expression does can outlive the bound. Recursion follows the tree, whose depth
 * the parser bounded.
 */
final class Interpreter {

    /** What a {@code ?.} on nil makes of the rest of its chain: nil, once the chain ends. */
    private static final Object SHORT_CIRCUIT = new Object();

    /** {@code let} names, innermost first. */
    private record Bindings(String name, Object value, Bindings outer) {
    }

    /** The element a predicate is looking at ({@code #}, {@code #index}, {@code #acc}), innermost first. */
    private record Element(Object value, long index, Object accumulator, boolean reducing) {
    }

    private final Environment environment;
    private final Budget budget;

    Interpreter(Environment environment, Budget budget) {
        this.environment = environment;
        this.budget = budget;
    }

    Object evaluate(Node root) {
        return eval(root, null, null);
    }

    private Object eval(Node node, Bindings lets, Element element) {
        budget.step();
        try {
            return evalNode(node, lets, element);
        } catch (Failure f) {
            throw f.at(node.position());
        }
    }

    private Object evalNode(Node node, Bindings lets, Element element) {
        if (node instanceof Node.Literal literal) {
            return literal.value();
        }
        if (node instanceof Node.Identifier identifier) {
            return resolve(identifier.name(), lets);
        }
        if (node instanceof Node.Member member) {
            Object target = eval(member.target(), lets, element);
            if (target == SHORT_CIRCUIT || (target == null && member.optional())) {
                return SHORT_CIRCUIT;
            }
            Object key = eval(member.property(), lets, element);
            return fetch(target, key);
        }
        if (node instanceof Node.Binary binary) {
            return binary(binary, lets, element);
        }
        if (node instanceof Node.Call call) {
            return call(call, lets, element);
        }
        if (node instanceof Node.Pointer pointer) {
            return pointer(pointer, element);
        }
        if (node instanceof Node.Unary unary) {
            return unary(unary.operator(), eval(unary.operand(), lets, element));
        }
        if (node instanceof Node.Conditional conditional) {
            boolean condition = bool(eval(conditional.condition(), lets, element), "the condition of ?:");
            return eval(condition ? conditional.then() : conditional.otherwise(), lets, element);
        }
        if (node instanceof Node.Chain chain) {
            Object value = eval(chain.inner(), lets, element);
            return value == SHORT_CIRCUIT ? null : value;
        }
        if (node instanceof Node.MethodCall method) {
            return method(method, lets, element);
        }
        if (node instanceof Node.ArrayLiteral array) {
            budget.collection(array.elements().size());
            List<Object> values = new ArrayList<>(array.elements().size());
            for (Node e : array.elements()) {
                values.add(eval(e, lets, element));
            }
            return Collections.unmodifiableList(values);
        }
        if (node instanceof Node.MapLiteral map) {
            budget.collection(map.keys().size());
            Map<Object, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < map.keys().size(); i++) {
                values.put(eval(map.keys().get(i), lets, element), eval(map.values().get(i), lets, element));
            }
            return Collections.unmodifiableMap(values);
        }
        if (node instanceof Node.Slice slice) {
            return slice(slice, lets, element);
        }
        if (node instanceof Node.Let let) {
            Object value = eval(let.value(), lets, element);
            return eval(let.body(), new Bindings(let.name(), value, lets), element);
        }
        if (node instanceof Node.Sequence sequence) {
            Object last = null;
            for (Node n : sequence.nodes()) {
                last = eval(n, lets, element);
            }
            return last;
        }
        throw Failure.evaluation("a predicate such as {# > 0} is only an argument of all(), filter(), map(), ...");
    }

    // ---- names

    private Object resolve(String name, Bindings lets) {
        for (Bindings b = lets; b != null; b = b.outer()) {
            if (b.name().equals(name)) {
                return b.value();
            }
        }
        Map<String, Object> variables = environment.variables();
        if (name.equals("$env")) {
            return variables;
        }
        if (variables.containsKey(name)) {
            return Values.normalize(variables.get(name));
        }
        if (Builtins.isBuiltin(name) || environment.functions().get(name).isPresent()) {
            throw Failure.evaluation(name + " is a function; call it: " + name + "(...)");
        }
        throw Failure.evaluation("unknown name " + name + (variables.isEmpty() ? ""
                : "; the names defined here are " + String.join(", ", new TreeSet<>(variables.keySet()))));
    }

    private static Object pointer(Node.Pointer pointer, Element element) {
        return switch (pointer.name()) {
            case "" -> element.value();
            case "index" -> element.index();
            default -> {
                if (!element.reducing()) {
                    throw Failure.evaluation("#acc is only defined in the predicate of reduce()");
                }
                yield element.accumulator();
            }
        };
    }

    /** {@code target[key]} / {@code target.key}: a missing map key is nil, a list index out of range an error. */
    private Object fetch(Object target, Object key) {
        if (target == null) {
            throw Failure.evaluation("cannot fetch " + Values.describe(key) + " from nil; write ?. to get nil"
                    + " instead, e.g. a?.b");
        }
        if (target instanceof Map<?, ?> map) {
            return Values.normalize(map.get(key));
        }
        if (target instanceof List<?> list) {
            return Values.normalize(list.get(index(key, list.size(), target)));
        }
        if (target instanceof String text) {
            int i = index(key, text.length(), target);
            return text.substring(i, i + 1);
        }
        if (target instanceof Bytes bytes) {
            return (long) (bytes.content()[index(key, bytes.length(), target)] & 0xff);
        }
        throw Failure.evaluation("cannot fetch " + Values.describe(key) + " from " + Values.describe(target)
                + (target instanceof Duration || target instanceof java.time.ZonedDateTime
                || target instanceof ExprObject ? "; call its methods instead, e.g. x.String()" : ""));
    }

    private static int index(Object key, int size, Object target) {
        if (!(key instanceof Number)) {
            throw Failure.evaluation("cannot fetch " + Values.describe(key) + " from " + Values.type(target)
                    + ", which is indexed by a number");
        }
        long i = Values.toLong(key, "an index");
        long at = i < 0 ? size + i : i;
        if (at < 0 || at >= size) {
            throw Failure.evaluation("index out of range: " + i + " (array length is " + size + ")");
        }
        return (int) at;
    }

    private Object slice(Node.Slice slice, Bindings lets, Element element) {
        Object target = eval(slice.target(), lets, element);
        if (target == SHORT_CIRCUIT) {
            return SHORT_CIRCUIT;
        }
        int length;
        if (target instanceof List<?> list) {
            length = list.size();
        } else if (target instanceof String text) {
            length = text.length();
        } else {
            throw Failure.evaluation("cannot slice " + Values.describe(target));
        }
        long from = slice.from() == null ? 0 : Values.toLong(eval(slice.from(), lets, element), "a slice bound");
        long to = slice.to() == null ? length : Values.toLong(eval(slice.to(), lets, element), "a slice bound");
        from = Math.max(0, from < 0 ? length + from : from);
        to = Math.min(length, Math.max(0, to < 0 ? length + to : to));
        from = Math.min(from, to);
        if (target instanceof String text) {
            budget.string(to - from);
            return text.substring((int) from, (int) to);
        }
        budget.collection(to - from);
        return Collections.unmodifiableList(new ArrayList<>(((List<?>) target).subList((int) from, (int) to)));
    }

    // ---- operators

    private Object unary(String operator, Object value) {
        return switch (operator) {
            case "not" -> !bool(value, "not");
            case "-" -> Values.negate(value);
            default -> {
                if (!(value instanceof Number)) {
                    throw Failure.evaluation("invalid operation: +" + Values.describe(value));
                }
                yield value;
            }
        };
    }

    private Object binary(Node.Binary binary, Bindings lets, Element element) {
        String operator = binary.operator();
        switch (operator) {
            case "&&", "and" -> {
                return bool(eval(binary.left(), lets, element), operator)
                        && bool(eval(binary.right(), lets, element), operator);
            }
            case "||", "or" -> {
                return bool(eval(binary.left(), lets, element), operator)
                        || bool(eval(binary.right(), lets, element), operator);
            }
            case "??" -> {
                Object left = eval(binary.left(), lets, element);
                return left != null ? left : eval(binary.right(), lets, element);
            }
            default -> {
                Object left = eval(binary.left(), lets, element);
                Object right = eval(binary.right(), lets, element);
                return operate(operator, left, right);
            }
        }
    }

    private Object operate(String operator, Object left, Object right) {
        return switch (operator) {
            case "==" -> Values.equal(left, right, budget, 1);
            case "!=" -> !Values.equal(left, right, budget, 1);
            case "<", ">", "<=", ">=" -> Values.compare(operator, left, right);
            case "in" -> Values.in(left, right, budget);
            case "matches" -> left != null && right != null
                    && Regexes.find(text(right, "matches"), text(left, "matches"), budget);
            case "contains" -> left != null && right != null
                    && text(left, "contains").contains(text(right, "contains"));
            case "startsWith" -> left != null && right != null
                    && text(left, "startsWith").startsWith(text(right, "startsWith"));
            case "endsWith" -> left != null && right != null
                    && text(left, "endsWith").endsWith(text(right, "endsWith"));
            case ".." -> range(left, right);
            case "+" -> Values.add(left, right, budget);
            case "-" -> Values.subtract(left, right);
            case "*" -> Values.multiply(left, right);
            case "/" -> Values.divide(left, right);
            case "%" -> Values.modulo(left, right);
            default -> Values.power(left, right);
        };
    }

    private Object range(Object from, Object to) {
        if (!Values.isNumber(from) || !Values.isNumber(to)) {
            throw Failure.evaluation("a range .. is made of numbers, not " + Values.describe(from) + " and "
                    + Values.describe(to));
        }
        long first = Values.toLong(from, "a range bound");
        long last = Values.toLong(to, "a range bound");
        if (last < first) {
            return List.of();
        }
        long size = last - first + 1;
        budget.size(size <= 0 ? Long.MAX_VALUE : size); // never materialised: only its size is checked
        return new IntRange(first, (int) size);
    }

    private static boolean bool(Object value, String operator) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw Failure.evaluation(operator + " needs true or false, not " + Values.describe(value));
    }

    private static String text(Object value, String operator) {
        if (value instanceof String s) {
            return s;
        }
        throw Failure.evaluation("operator " + operator + " needs strings, not " + Values.describe(value));
    }

    // ---- calls

    private Object method(Node.MethodCall method, Bindings lets, Element element) {
        Object target = eval(method.target(), lets, element);
        if (target == SHORT_CIRCUIT || (target == null && method.optional())) {
            return SHORT_CIRCUIT;
        }
        if (target == null) {
            throw Failure.evaluation("cannot call " + method.name() + "() on nil");
        }
        List<Object> args = arguments(method.arguments(), lets, element);
        return Values.normalize(Methods.call(target, method.name(), args));
    }

    private List<Object> arguments(List<Node> nodes, Bindings lets, Element element) {
        List<Object> args = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            args.add(eval(n, lets, element));
        }
        return args;
    }

    private Object call(Node.Call call, Bindings lets, Element element) {
        String name = call.name();
        if (Parser.PREDICATE_BUILTINS.containsKey(name)) {
            return predicateCall(call, lets, element);
        }
        if (Builtins.has(name)) {
            return Builtins.call(name, arguments(call.arguments(), lets, element), budget);
        }
        Functions.Entry entry = environment.functions().get(name).orElseThrow(() -> Failure.evaluation(
                "unknown function " + name + "()" + (environment.functions().names().isEmpty() ? ""
                        : "; the functions defined here besides expr-lang's are "
                        + String.join(", ", new TreeSet<>(environment.functions().names())))));
        List<Object> args = arguments(call.arguments(), lets, element);
        if (args.size() < entry.minArguments() || args.size() > entry.maxArguments()) {
            throw Failure.evaluation(name + "() takes " + (entry.minArguments() == entry.maxArguments()
                    ? String.valueOf(entry.minArguments()) : entry.minArguments() + " to " + entry.maxArguments())
                    + " argument" + (entry.maxArguments() == 1 ? "" : "s") + ", got " + args.size());
        }
        try {
            return Values.normalize(entry.function().call(new Arguments(name, Collections.unmodifiableList(args),
                    budget)));
        } catch (IllegalArgumentException e) {
            throw Failure.evaluation(e.getMessage());
        } catch (ExpressionException e) {
            throw new Failure(e.kind(), e.reason(), -1);
        }
    }

    private Object predicateCall(Node.Call call, Bindings lets, Element element) {
        String name = call.name();
        List<Node> args = call.arguments();
        Object collection = eval(args.get(0), lets, element);
        if (!(collection instanceof List<?> list)) {
            throw Failure.evaluation(name + "() takes an array first, not " + Values.describe(collection));
        }
        Node predicate = args.size() > 1 ? ((Node.Predicate) args.get(1)).body() : null;
        switch (name) {
            case "all", "none", "any", "one" -> {
                int matching = 0;
                for (int i = 0; i < list.size(); i++) {
                    boolean holds = test(name, predicate, list, i, lets);
                    matching += holds ? 1 : 0;
                    if ((name.equals("all") && !holds) || (name.equals("none") && holds)) {
                        return false;
                    }
                    if ((name.equals("any") && holds) || (name.equals("one") && matching > 1)) {
                        return name.equals("any");
                    }
                }
                return switch (name) {
                    case "any" -> false;
                    case "one" -> matching == 1;
                    default -> true;
                };
            }
            case "filter" -> {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (test(name, predicate, list, i, lets)) {
                        out.add(Values.normalize(list.get(i)));
                    }
                }
                budget.collection(out.size());
                return Collections.unmodifiableList(out);
            }
            case "map" -> {
                budget.collection(list.size());
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(apply(predicate, list, i, lets));
                }
                return Collections.unmodifiableList(out);
            }
            case "count" -> {
                long count = 0;
                for (int i = 0; i < list.size(); i++) {
                    boolean holds = predicate == null ? bool(Values.normalize(list.get(i)), "count() without a"
                            + " predicate counts booleans; an element") : test(name, predicate, list, i, lets);
                    count += holds ? 1 : 0;
                }
                return count;
            }
            case "sum" -> {
                Object sum = 0L;
                for (int i = 0; i < list.size(); i++) {
                    Object value = predicate == null ? Values.normalize(list.get(i)) : apply(predicate, list, i, lets);
                    if (!(value instanceof Number)) {
                        throw Failure.evaluation("sum() adds numbers, not " + Values.describe(value));
                    }
                    sum = Values.add(sum, value, budget);
                }
                return sum;
            }
            case "find", "findIndex" -> {
                for (int i = 0; i < list.size(); i++) {
                    if (test(name, predicate, list, i, lets)) {
                        return name.equals("find") ? Values.normalize(list.get(i)) : (Object) (long) i;
                    }
                }
                return name.equals("find") ? null : (Object) (-1L);
            }
            case "findLast", "findLastIndex" -> {
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (test(name, predicate, list, i, lets)) {
                        return name.equals("findLast") ? Values.normalize(list.get(i)) : (Object) (long) i;
                    }
                }
                return name.equals("findLast") ? null : (Object) (-1L);
            }
            case "groupBy" -> {
                Map<Object, List<Object>> groups = new LinkedHashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    groups.computeIfAbsent(apply(predicate, list, i, lets), k -> new ArrayList<>())
                            .add(Values.normalize(list.get(i)));
                }
                budget.collection(groups.size() + (long) list.size());
                Map<Object, Object> out = new LinkedHashMap<>();
                groups.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
                return Collections.unmodifiableMap(out);
            }
            case "sortBy" -> {
                List<Object[]> keyed = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    keyed.add(new Object[] {apply(predicate, list, i, lets), Values.normalize(list.get(i))});
                }
                List<Object> orderArg = args.size() > 2 ? List.of(eval(args.get(2), lets, element)) : List.of();
                boolean descending = Builtins.order("sortBy", orderArg, 0);
                budget.steps((long) keyed.size() * (1 + 64 - Long.numberOfLeadingZeros(keyed.size() + 1L)));
                keyed.sort((x, y) -> Builtins.order(x[0], y[0], descending));
                budget.collection(keyed.size());
                List<Object> out = new ArrayList<>(keyed.size());
                keyed.forEach(k -> out.add(k[1]));
                return Collections.unmodifiableList(out);
            }
            default -> { // reduce
                boolean seeded = args.size() > 2;
                if (list.isEmpty()) {
                    return seeded ? eval(args.get(2), lets, element) : null;
                }
                Object accumulator = seeded ? eval(args.get(2), lets, element) : Values.normalize(list.get(0));
                for (int i = seeded ? 0 : 1; i < list.size(); i++) {
                    accumulator = eval(predicate, lets, new Element(Values.normalize(list.get(i)), i, accumulator,
                            true));
                }
                return accumulator;
            }
        }
    }

    private boolean test(String function, Node predicate, List<?> list, int index, Bindings lets) {
        Object verdict = apply(predicate, list, index, lets);
        if (verdict instanceof Boolean b) {
            return b;
        }
        throw Failure.evaluation("the predicate of " + function + "() gave " + Values.describe(verdict)
                + ", not true or false");
    }

    private Object apply(Node predicate, List<?> list, int index, Bindings lets) {
        return eval(predicate, lets, new Element(Values.normalize(list.get(index)), index, null, false));
    }
}
