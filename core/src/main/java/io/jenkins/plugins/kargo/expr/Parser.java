package io.jenkins.plugins.kargo.expr;

import io.jenkins.plugins.kargo.expr.Lexer.Kind;
import io.jenkins.plugins.kargo.expr.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Pratt parser for expr-lang's grammar, with expr-lang's operator precedences ({@code parser/operator}):
 * {@code |} 0, {@code or ||} 10, {@code and &&} 15, comparisons, {@code in}, {@code matches}, {@code contains},
 * {@code startsWith}, {@code endsWith} 20, {@code ..} 25, {@code + -} 30, {@code * / %} 60, unary {@code not !} 50,
 * unary {@code - +} 90, {@code ** ^} 100 (right-associative), {@code ??} 500; {@code a < b < c} means
 * {@code a < b && b < c}; {@code ? :}, {@code let} and {@code if {} else {}} at the top of an expression.
 *
 * <p>Nesting is counted while the tree is built: deeper than {@link Limits#maxDepth()} is a syntax error, so neither
 * the parser nor the evaluation can overflow the stack, whatever the input.
 */
final class Parser {

    private record Operator(int precedence, boolean rightAssociative) {
    }

    private static final Map<String, Operator> BINARY = Map.ofEntries(
            Map.entry("|", new Operator(0, false)),
            Map.entry("or", new Operator(10, false)), Map.entry("||", new Operator(10, false)),
            Map.entry("and", new Operator(15, false)), Map.entry("&&", new Operator(15, false)),
            Map.entry("==", new Operator(20, false)), Map.entry("!=", new Operator(20, false)),
            Map.entry("<", new Operator(20, false)), Map.entry(">", new Operator(20, false)),
            Map.entry("<=", new Operator(20, false)), Map.entry(">=", new Operator(20, false)),
            Map.entry("in", new Operator(20, false)), Map.entry("matches", new Operator(20, false)),
            Map.entry("contains", new Operator(20, false)), Map.entry("startsWith", new Operator(20, false)),
            Map.entry("endsWith", new Operator(20, false)),
            Map.entry("..", new Operator(25, false)),
            Map.entry("+", new Operator(30, false)), Map.entry("-", new Operator(30, false)),
            Map.entry("*", new Operator(60, false)), Map.entry("/", new Operator(60, false)),
            Map.entry("%", new Operator(60, false)),
            Map.entry("**", new Operator(100, true)), Map.entry("^", new Operator(100, true)),
            Map.entry("??", new Operator(500, false)));

    private static final Map<String, Integer> UNARY = Map.of("not", 50, "!", 50, "-", 90, "+", 90);
    private static final Set<String> NEGATABLE = Set.of("in", "matches", "contains", "startsWith", "endsWith");
    private static final Set<String> ORDERING = Set.of("<", ">", "<=", ">=");

    /** Argument kinds of the built-ins that take a predicate: E an expression, P a predicate; lower case optional. */
    static final Map<String, String> PREDICATE_BUILTINS = Map.ofEntries(
            Map.entry("all", "EP"), Map.entry("none", "EP"), Map.entry("any", "EP"), Map.entry("one", "EP"),
            Map.entry("filter", "EP"), Map.entry("map", "EP"), Map.entry("count", "Ep"), Map.entry("sum", "Ep"),
            Map.entry("find", "EP"), Map.entry("findIndex", "EP"), Map.entry("findLast", "EP"),
            Map.entry("findLastIndex", "EP"), Map.entry("groupBy", "EP"), Map.entry("sortBy", "EPe"),
            Map.entry("reduce", "EPe"));

    private final String source;
    private final List<Token> tokens;
    private final int maxDepth;
    private int index;
    private int nesting;
    private int predicates;

    private Parser(String source, List<Token> tokens, int maxDepth) {
        this.source = source;
        this.tokens = tokens;
        this.maxDepth = maxDepth;
    }

    static Node parse(String source, Limits limits) {
        if (source.length() > limits.maxSourceLength()) {
            throw new Failure(ExpressionException.Kind.LIMIT, "is " + source.length() + " characters long; the limit"
                    + " is " + limits.maxSourceLength(), -1);
        }
        Parser parser = new Parser(source, Lexer.tokens(source), limits.maxDepth());
        if (parser.current().kind() == Kind.EOF) {
            throw parser.error(parser.current(), "is empty");
        }
        Node node = parser.sequence();
        if (parser.current().kind() != Kind.EOF) {
            throw parser.error(parser.current(), "unexpected " + parser.current().describe());
        }
        return node;
    }

    // ---- tokens

    private Token current() {
        return tokens.get(index);
    }

    private Token peek() {
        return tokens.get(Math.min(index + 1, tokens.size() - 1));
    }

    private Token next() {
        Token token = current();
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    private Token expectBracket(String bracket) {
        if (!current().isBracket(bracket)) {
            throw error(current(), "expected '" + bracket + "' but found " + current().describe());
        }
        return next();
    }

    private void expectOperator(String operator) {
        if (!current().isOperator(operator)) {
            throw error(current(), "expected '" + operator + "' but found " + current().describe());
        }
        next();
    }

    private Failure error(Token at, String reason) {
        return new Failure(ExpressionException.Kind.SYNTAX, reason, at.position());
    }

    /** Every node is made here, so that no tree deeper than the limit is ever built. */
    private <N extends Node> N node(N node) {
        if (node.depth() > maxDepth) {
            throw new Failure(ExpressionException.Kind.SYNTAX, "is nested deeper than " + maxDepth
                    + " levels (the limit)", node.position());
        }
        return node;
    }

    // ---- grammar

    private Node sequence() {
        Token start = current();
        List<Node> nodes = new ArrayList<>();
        nodes.add(expression(0));
        while (current().isOperator(";")) {
            next();
            if (current().kind() == Kind.EOF || current().isBracket(")") || current().isBracket("}")) {
                break;
            }
            nodes.add(expression(0));
        }
        return nodes.size() == 1 ? nodes.get(0) : node(new Node.Sequence(nodes, start.position()));
    }

    private Node expression(int precedence) {
        if (++nesting > maxDepth) {
            throw error(current(), "is nested deeper than " + maxDepth + " levels (the limit)");
        }
        try {
            if (precedence == 0 && current().isOperator("let")) {
                return let();
            }
            if (precedence == 0 && current().isOperator("if")) {
                return ifElse();
            }
            Node left = primary();
            String previous = "";
            while (current().kind() == Kind.OPERATOR) {
                Token operatorToken = current();
                boolean negated = false;
                if (operatorToken.isOperator("not")) {
                    Token following = peek();
                    if (following.kind() != Kind.OPERATOR || !NEGATABLE.contains(following.text())) {
                        throw error(following, "unexpected " + following.describe() + " after 'not'");
                    }
                    if (BINARY.get(following.text()).precedence() < precedence) {
                        break;
                    }
                    next();
                    operatorToken = following;
                    negated = true;
                }
                Operator operator = BINARY.get(operatorToken.text());
                if (operator == null || operator.precedence() < precedence) {
                    break;
                }
                next();
                if (operatorToken.text().equals("|")) {
                    Token name = current();
                    if (name.kind() != Kind.IDENTIFIER) {
                        throw error(name, "a pipe | must be followed by a function call, found " + name.describe());
                    }
                    next();
                    left = call(name, new ArrayList<>(List.of(left)));
                } else {
                    if (previous.equals("??") && !operatorToken.text().equals("??")) {
                        throw error(operatorToken, "operator " + operatorToken.text() + " and the nil-coalescing ??"
                                + " cannot be mixed; wrap one of them in parentheses");
                    }
                    if (ORDERING.contains(operatorToken.text())) {
                        left = comparison(left, operatorToken, operator.precedence());
                    } else {
                        Node right = expression(operator.rightAssociative() ? operator.precedence()
                                : operator.precedence() + 1);
                        left = node(new Node.Binary(operatorToken.text(), left, right, operatorToken.position()));
                        if (negated) {
                            left = node(new Node.Unary("not", left, operatorToken.position()));
                        }
                    }
                }
                previous = operatorToken.text();
            }
            return precedence == 0 ? conditional(left) : left;
        } finally {
            nesting--;
        }
    }

    /** {@code a < b < c} is {@code a < b && b < c}, as in expr-lang. */
    private Node comparison(Node left, Token operator, int precedence) {
        Node root = null;
        Token op = operator;
        while (true) {
            Node right = expression(precedence + 1);
            Node comparison = node(new Node.Binary(op.text(), left, right, op.position()));
            root = root == null ? comparison : node(new Node.Binary("&&", root, comparison, op.position()));
            left = right;
            op = current();
            if (op.kind() != Kind.OPERATOR || !ORDERING.contains(op.text())) {
                return root;
            }
            next();
        }
    }

    private Node conditional(Node condition) {
        Node node = condition;
        while (current().isOperator("?")) {
            Token question = next();
            Node then;
            Node otherwise;
            if (current().isOperator(":")) {
                next();
                then = node;
                otherwise = expression(0);
            } else {
                then = expression(0);
                expectOperator(":");
                otherwise = expression(0);
            }
            node = node(new Node.Conditional(node, then, otherwise, question.position()));
        }
        return node;
    }

    private Node let() {
        Token let = next();
        Token name = current();
        if (name.kind() != Kind.IDENTIFIER) {
            throw error(name, "'let' must be followed by a variable name, found " + name.describe());
        }
        next();
        expectOperator("=");
        Node value = expression(0);
        expectOperator(";");
        Node body = sequence();
        return node(new Node.Let(name.text(), value, body, let.position()));
    }

    private Node ifElse() {
        Token start = next();
        Node condition = expression(0);
        expectBracket("{");
        Node then = sequence();
        expectBracket("}");
        expectOperator("else");
        Node otherwise;
        if (current().isOperator("if")) {
            otherwise = expression(0);
        } else {
            expectBracket("{");
            otherwise = sequence();
            expectBracket("}");
        }
        return node(new Node.Conditional(condition, then, otherwise, start.position()));
    }

    private Node primary() {
        Token token = current();
        if (token.kind() == Kind.OPERATOR && UNARY.containsKey(token.text())) {
            next();
            Node operand = expression(UNARY.get(token.text()));
            String operator = token.text().equals("!") ? "not" : token.text();
            return postfix(node(new Node.Unary(operator, operand, token.position())));
        }
        if (token.isBracket("(")) {
            next();
            Node inner = sequence();
            expectBracket(")");
            return postfix(inner);
        }
        if (token.kind() == Kind.POINTER || token.isOperator(".")) {
            if (predicates == 0) {
                throw error(token, token.kind() == Kind.POINTER ? "'" + token.text() + "' is only defined inside a"
                        + " predicate such as filter(list, {# > 0})" : "unexpected '.'");
            }
            String name = token.kind() == Kind.POINTER ? (String) token.value() : "";
            if (!name.isEmpty() && !name.equals("acc") && !name.equals("index")) {
                throw error(token, "unknown pointer #" + name + "; a predicate knows #, #index and #acc");
            }
            if (token.kind() == Kind.POINTER) {
                next();
            }
            return postfix(new Node.Pointer(name, token.position()));
        }
        return secondary();
    }

    private Node secondary() {
        Token token = next();
        Node node;
        switch (token.kind()) {
            case IDENTIFIER -> {
                switch (token.text()) {
                    case "true" -> {
                        return new Node.Literal(Boolean.TRUE, token.position());
                    }
                    case "false" -> {
                        return new Node.Literal(Boolean.FALSE, token.position());
                    }
                    case "nil" -> {
                        return new Node.Literal(null, token.position());
                    }
                    default -> node = current().isBracket("(") ? call(token, new ArrayList<>())
                            : new Node.Identifier(token.text(), token.position());
                }
            }
            case NUMBER -> {
                return number(token);
            }
            case STRING -> node = new Node.Literal(token.value(), token.position());
            case BYTES -> node = new Node.Literal(new Bytes((byte[]) token.value()), token.position());
            case BRACKET -> {
                if (token.text().equals("[")) {
                    node = array(token);
                } else if (token.text().equals("{")) {
                    node = map(token);
                } else {
                    throw error(token, "unexpected " + token.describe());
                }
            }
            default -> throw error(token, "unexpected " + token.describe());
        }
        return postfix(node);
    }

    private Node number(Token token) {
        String text = token.text().replace("_", "");
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        try {
            if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) {
                int radix = lower.charAt(1) == 'x' ? 16 : lower.charAt(1) == 'o' ? 8 : 2;
                return new Node.Literal(Long.parseLong(text.substring(2), radix), token.position());
            }
            if (lower.contains(".") || lower.contains("e")) {
                double value = Double.parseDouble(text);
                if (Double.isInfinite(value)) {
                    throw error(token, "float literal " + token.text() + " is too large");
                }
                return new Node.Literal(value, token.position());
            }
            return new Node.Literal(Long.parseLong(text), token.position());
        } catch (NumberFormatException e) {
            throw error(token, "integer literal " + ExpressionException.shown(token.text()) + " is too large or"
                    + " malformed");
        }
    }

    private Node call(Token name, List<Node> arguments) {
        String kinds = PREDICATE_BUILTINS.get(name.text());
        if (kinds == null) {
            return node(new Node.Call(name.text(), arguments(arguments), name.position()));
        }
        expectBracket("(");
        String remaining = kinds.substring(Math.min(arguments.size(), kinds.length()));
        for (int i = 0; i < remaining.length(); i++) {
            char kind = remaining.charAt(i);
            boolean optional = Character.isLowerCase(kind);
            if (current().isBracket(")")) {
                if (optional) {
                    break;
                }
                throw error(current(), name.text() + "() expects at least " + kinds.chars()
                        .filter(Character::isUpperCase).count() + " arguments");
            }
            if (i > 0) {
                expectOperator(",");
            }
            arguments.add(Character.toUpperCase(kind) == 'P' ? predicate() : expression(0));
        }
        if (current().isOperator(",")) {
            next();
        }
        expectBracket(")");
        return node(new Node.Call(name.text(), arguments, name.position()));
    }

    private Node predicate() {
        Token start = current();
        boolean braces = start.isBracket("{");
        if (braces) {
            next();
        }
        predicates++;
        Node body;
        try {
            body = braces ? sequence() : expression(0);
            if (!braces && current().isOperator(";")) {
                throw error(current(), "wrap a predicate of several expressions in braces { and }");
            }
        } finally {
            predicates--;
        }
        if (braces) {
            expectBracket("}");
        }
        return node(new Node.Predicate(body, start.position()));
    }

    private List<Node> arguments(List<Node> arguments) {
        int given = arguments.size();
        expectBracket("(");
        while (!current().isBracket(")")) {
            if (arguments.size() > given) {
                expectOperator(",");
                if (current().isBracket(")")) {
                    break;
                }
            }
            arguments.add(expression(0));
        }
        expectBracket(")");
        return arguments;
    }

    private Node array(Token open) {
        List<Node> elements = new ArrayList<>();
        while (!current().isBracket("]")) {
            if (!elements.isEmpty()) {
                expectOperator(",");
                if (current().isBracket("]")) {
                    break;
                }
            }
            elements.add(expression(0));
        }
        expectBracket("]");
        return node(new Node.ArrayLiteral(elements, open.position()));
    }

    private Node map(Token open) {
        List<Node> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        while (!current().isBracket("}")) {
            if (!keys.isEmpty()) {
                expectOperator(",");
                if (current().isBracket("}")) {
                    break;
                }
            }
            Token key = current();
            if (key.kind() == Kind.NUMBER || key.kind() == Kind.IDENTIFIER) {
                next();
                keys.add(new Node.Literal(key.text(), key.position()));
            } else if (key.kind() == Kind.STRING) {
                next();
                keys.add(new Node.Literal(key.value(), key.position()));
            } else if (key.isBracket("(")) {
                keys.add(expression(0));
            } else {
                throw error(key, "a map key must be a quoted string, a number, a name, or an expression in"
                        + " parentheses, not " + key.describe());
            }
            expectOperator(":");
            values.add(expression(0));
        }
        expectBracket("}");
        return node(new Node.MapLiteral(keys, values, open.position()));
    }

    private Node postfix(Node start) {
        Node node = start;
        boolean optionalSeen = false;
        while (true) {
            Token token = current();
            boolean optional = token.isOperator("?.");
            if (token.isOperator(".") || optional) {
                next();
                optionalSeen |= optional;
                if (optional && current().isBracket("[")) {
                    node = index(node, true);
                    continue;
                }
                Token name = next();
                boolean word = name.kind() == Kind.OPERATOR && Lexer.WORD_OPERATORS.contains(name.text());
                if (name.kind() != Kind.IDENTIFIER && !word) {
                    throw error(name, "expected a field name after '" + token.text() + "', found "
                            + name.describe());
                }
                if (current().isBracket("(")) {
                    node = node(new Node.MethodCall(node, name.text(), arguments(new ArrayList<>()), optional,
                            name.position()));
                } else {
                    node = node(new Node.Member(node, new Node.Literal(name.text(), name.position()), optional,
                            name.position()));
                }
            } else if (token.isBracket("[")) {
                node = index(node, false);
            } else {
                break;
            }
        }
        return optionalSeen ? node(new Node.Chain(node)) : node;
    }

    /** {@code [index]}, {@code [from:to]} and their {@code ?.[} forms, starting at the {@code [}. */
    private Node index(Node target, boolean optional) {
        Token open = expectBracket("[");
        if (current().isOperator(":")) {
            next();
            Node to = current().isBracket("]") ? null : expression(0);
            expectBracket("]");
            return node(new Node.Slice(target, null, to, open.position()));
        }
        Node from = expression(0);
        if (current().isOperator(":")) {
            next();
            Node to = current().isBracket("]") ? null : expression(0);
            expectBracket("]");
            return node(new Node.Slice(target, from, to, open.position()));
        }
        expectBracket("]");
        return node(new Node.Member(target, from, optional, open.position()));
    }

    @Override
    public String toString() {
        return "Parser[" + ExpressionException.shown(source) + "]";
    }
}
