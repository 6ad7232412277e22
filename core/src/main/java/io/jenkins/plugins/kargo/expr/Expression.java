package io.jenkins.plugins.kargo.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One expr-lang expression (<a href="https://expr-lang.org/docs/language-definition">language definition</a>),
 * parsed once and evaluated any number of times, from any thread. This is the project's own implementation of the
 * language Kargo ({@code ${{ }}}) and Argo Rollouts (analysis conditions) evaluate: a hand-written lexer and Pratt
 * parser, and an interpreter over plain data.
 *
 * <p>The sandbox is structural: an expression reaches the variables and {@link Functions} of its
 * {@link Environment}, expr-lang's built-ins and the methods of the engine's own values, and nothing else. There is
 * no reflection, no class or method lookup, no assignment and no loop other than the predicates' walk over a list.
 * Parsing bounds the text's length and nesting; evaluation runs in the caller's thread under a {@link Budget} (steps,
 * time, allocation, value nesting) that stops the work itself when a bound is crossed.
 *
 * <pre>{@code
 * Expression e = Expression.parse("all(result, {# < 500})");
 * Object verdict = e.evaluate(Environment.of(Map.of("result", List.of(120, 340))), Budget.start(Limits.DEFAULT));
 * }</pre>
 */
public final class Expression {

    private final String source;
    private final Node root;

    private Expression(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /** Parses with the {@link Limits#DEFAULT default limits}. */
    public static Expression parse(String source) {
        return parse(source, Limits.DEFAULT);
    }

    /**
     * @throws ExpressionException of kind {@link ExpressionException.Kind#SYNTAX} (with line and column) when the
     *                             text is not an expression, or {@link ExpressionException.Kind#LIMIT} when it is
     *                             longer or nested deeper than the limits allow
     */
    public static Expression parse(String source, Limits limits) {
        try {
            return new Expression(source, Parser.parse(source, limits));
        } catch (Failure f) {
            throw f.toException(source);
        } catch (StackOverflowError e) {
            // cannot happen with sane limits (nesting is bounded while parsing); never let it reach the caller
            throw ExpressionException.at(ExpressionException.Kind.LIMIT, source, -1, "is nested too deeply");
        }
    }

    public String source() {
        return source;
    }

    /**
     * Evaluates the expression.
     *
     * @return plain data: null, Boolean, Long, Double, String, or unmodifiable Lists and Maps (with String keys) of
     *         those; durations, times and other engine values as Kargo renders them in JSON
     * @throws ExpressionException  when the evaluation fails or crosses a bound of the budget; nothing of it keeps
     *                              running afterwards
     * @throws InterruptedException when the thread was interrupted (the evaluation stops at its next step)
     */
    public Object evaluate(Environment environment, Budget budget) throws InterruptedException {
        try {
            return Values.toData(new Interpreter(environment, budget).evaluate(root), budget, 1);
        } catch (Failure f) {
            throw f.toException(source);
        } catch (Budget.Interrupted e) {
            throw new InterruptedException("expression evaluation interrupted");
        } catch (StackOverflowError e) {
            throw ExpressionException.at(ExpressionException.Kind.LIMIT, source, -1, "is nested too deeply to"
                    + " evaluate");
        }
    }

    /** Evaluates with a fresh budget of {@code limits}. */
    public Object evaluate(Environment environment, Limits limits) throws InterruptedException {
        return evaluate(environment, Budget.start(limits));
    }

    /** The names of the functions the expression calls, built-ins excluded, in order of appearance. */
    public Set<String> functionsCalled() {
        Set<String> names = new LinkedHashSet<>();
        walk(root, node -> {
            if (node instanceof Node.Call call && !Builtins.isBuiltin(call.name())) {
                names.add(call.name());
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /** The top-level variables the expression reads ({@code let} names and {@code $env} excluded). */
    public Set<String> variablesRead() {
        Set<String> names = new LinkedHashSet<>();
        Set<String> bound = new LinkedHashSet<>();
        walk(root, node -> {
            if (node instanceof Node.Let let) {
                bound.add(let.name());
            } else if (node instanceof Node.Identifier id && !id.name().equals("$env")) {
                names.add(id.name());
            }
        });
        names.removeAll(bound);
        return Collections.unmodifiableSet(names);
    }

    private interface Visitor {
        void visit(Node node);
    }

    /** Visits every node; recursion is bounded by the depth the parser allowed. */
    private static void walk(Node node, Visitor visitor) {
        if (node == null) {
            return;
        }
        visitor.visit(node);
        for (Node child : children(node)) {
            walk(child, visitor);
        }
    }

    private static List<Node> children(Node node) {
        if (node instanceof Node.Member m) {
            return List.of(m.target(), m.property());
        }
        if (node instanceof Node.Slice s) {
            return nonNull(s.target(), s.from(), s.to());
        }
        if (node instanceof Node.Call c) {
            return c.arguments();
        }
        if (node instanceof Node.MethodCall m) {
            return concat(List.of(m.target()), m.arguments());
        }
        if (node instanceof Node.Predicate p) {
            return List.of(p.body());
        }
        if (node instanceof Node.Unary u) {
            return List.of(u.operand());
        }
        if (node instanceof Node.Binary b) {
            return List.of(b.left(), b.right());
        }
        if (node instanceof Node.Conditional c) {
            return List.of(c.condition(), c.then(), c.otherwise());
        }
        if (node instanceof Node.ArrayLiteral a) {
            return a.elements();
        }
        if (node instanceof Node.MapLiteral m) {
            return concat(m.keys(), m.values());
        }
        if (node instanceof Node.Let l) {
            return List.of(l.value(), l.body());
        }
        if (node instanceof Node.Sequence s) {
            return s.nodes();
        }
        if (node instanceof Node.Chain c) {
            return List.of(c.inner());
        }
        return List.of();
    }

    private static List<Node> nonNull(Node... nodes) {
        List<Node> list = new java.util.ArrayList<>();
        for (Node n : nodes) {
            if (n != null) {
                list.add(n);
            }
        }
        return list;
    }

    private static List<Node> concat(List<Node> a, List<Node> b) {
        List<Node> list = new java.util.ArrayList<>(a);
        list.addAll(b);
        return list;
    }

    @Override
    public String toString() {
        return ExpressionException.shown(source);
    }
}
