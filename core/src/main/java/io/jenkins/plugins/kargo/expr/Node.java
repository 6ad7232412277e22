package io.jenkins.plugins.kargo.expr;

import java.util.List;

/**
 * The parsed form of an expression. Every node knows where it starts in the source (for messages) and how deep the
 * tree under it is, so that the parser refuses nesting beyond the limit while it builds the tree and evaluation can
 * never recurse deeper than that.
 */
sealed interface Node {

    int position();

    int depth();

    static int deepest(List<? extends Node> nodes) {
        int depth = 0;
        for (Node node : nodes) {
            depth = Math.max(depth, node.depth());
        }
        return depth;
    }

    static int deepest(Node... nodes) {
        int depth = 0;
        for (Node node : nodes) {
            if (node != null) {
                depth = Math.max(depth, node.depth());
            }
        }
        return depth;
    }

    /** {@code nil}, {@code true}, a number, a string or bytes. */
    record Literal(Object value, int position) implements Node {
        public int depth() {
            return 1;
        }
    }

    /** A variable, a {@code let} name or {@code $env}. */
    record Identifier(String name, int position) implements Node {
        public int depth() {
            return 1;
        }
    }

    /** Inside a predicate: {@code #} (name empty), {@code #acc}, {@code #index}. */
    record Pointer(String name, int position) implements Node {
        public int depth() {
            return 1;
        }
    }

    /** {@code target.name}, {@code target[index]}, and their {@code ?.} forms. */
    record Member(Node target, Node property, boolean optional, int position, int depth) implements Node {
        Member(Node target, Node property, boolean optional, int position) {
            this(target, property, optional, position, 1 + deepest(target, property));
        }
    }

    /** {@code target[from:to]}; either bound may be null. */
    record Slice(Node target, Node from, Node to, int position, int depth) implements Node {
        Slice(Node target, Node from, Node to, int position) {
            this(target, from, to, position, 1 + deepest(target, from, to));
        }
    }

    /** A call of a built-in or of a function handed in by the caller, by its bare name. */
    record Call(String name, List<Node> arguments, int position, int depth) implements Node {
        Call(String name, List<Node> arguments, int position) {
            this(name, List.copyOf(arguments), position, 1 + deepest(arguments));
        }
    }

    /** A method of a value the engine knows ({@code now().Year()}, {@code semverParse(v).IncMinor()}). */
    record MethodCall(Node target, String name, List<Node> arguments, boolean optional, int position, int depth)
            implements Node {
        MethodCall(Node target, String name, List<Node> arguments, boolean optional, int position) {
            this(target, name, List.copyOf(arguments), optional, position,
                    1 + Math.max(target.depth(), deepest(arguments)));
        }
    }

    /** A predicate argument ({@code {# > 0}} or {@code # > 0}) of {@code all}, {@code filter}, {@code map}, ... */
    record Predicate(Node body, int position, int depth) implements Node {
        Predicate(Node body, int position) {
            this(body, position, 1 + body.depth());
        }
    }

    record Unary(String operator, Node operand, int position, int depth) implements Node {
        Unary(String operator, Node operand, int position) {
            this(operator, operand, position, 1 + operand.depth());
        }
    }

    record Binary(String operator, Node left, Node right, int position, int depth) implements Node {
        Binary(String operator, Node left, Node right, int position) {
            this(operator, left, right, position, 1 + deepest(left, right));
        }
    }

    /** {@code c ? a : b}, {@code a ?: b} and {@code if c { a } else { b }}. */
    record Conditional(Node condition, Node then, Node otherwise, int position, int depth) implements Node {
        Conditional(Node condition, Node then, Node otherwise, int position) {
            this(condition, then, otherwise, position, 1 + deepest(condition, then, otherwise));
        }
    }

    record ArrayLiteral(List<Node> elements, int position, int depth) implements Node {
        ArrayLiteral(List<Node> elements, int position) {
            this(List.copyOf(elements), position, 1 + deepest(elements));
        }
    }

    record MapLiteral(List<Node> keys, List<Node> values, int position, int depth) implements Node {
        MapLiteral(List<Node> keys, List<Node> values, int position) {
            this(List.copyOf(keys), List.copyOf(values), position, 1 + Math.max(deepest(keys), deepest(values)));
        }
    }

    /** {@code let name = value; body}. */
    record Let(String name, Node value, Node body, int position, int depth) implements Node {
        Let(String name, Node value, Node body, int position) {
            this(name, value, body, position, 1 + deepest(value, body));
        }
    }

    /** {@code a; b; c}: each evaluated, the last one's value given. */
    record Sequence(List<Node> nodes, int position, int depth) implements Node {
        Sequence(List<Node> nodes, int position) {
            this(List.copyOf(nodes), position, 1 + deepest(nodes));
        }
    }

    /** The end of a member chain holding a {@code ?.}: a nil met by {@code ?.} makes the whole chain nil. */
    record Chain(Node inner, int position, int depth) implements Node {
        Chain(Node inner) {
            this(inner, inner.position(), 1 + inner.depth());
        }
    }
}
