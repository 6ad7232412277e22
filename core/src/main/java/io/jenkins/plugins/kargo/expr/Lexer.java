package io.jenkins.plugins.kargo.expr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits an expression into tokens as expr-lang's lexer does ({@code parser/lexer}): numbers (decimal with
 * {@code _} separators, {@code 0x}, {@code 0o}, {@code 0b}, floats with {@code .} and exponents), strings in
 * {@code '}, {@code "} (with escapes) or {@code `} (raw), bytes ({@code b'...'}), identifiers, the word operators
 * ({@code and}, {@code or}, {@code not}, {@code in}, {@code matches}, ...), {@code #} pointers, brackets and symbol
 * operators, skipping white space and {@code //} and {@code /* *}{@code /} comments.
 */
final class Lexer {

    enum Kind { NUMBER, STRING, BYTES, IDENTIFIER, OPERATOR, BRACKET, POINTER, EOF }

    /** One token; {@code value} is the decoded content of a string or bytes literal, else the text. */
    record Token(Kind kind, String text, Object value, int position) {

        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }

        boolean isOperator(String t) {
            return is(Kind.OPERATOR, t);
        }

        boolean isBracket(String t) {
            return is(Kind.BRACKET, t);
        }

        String describe() {
            return kind == Kind.EOF ? "end of expression" : kind == Kind.STRING ? "string " + text
                    : "'" + text + "'";
        }
    }

    static final Set<String> WORD_OPERATORS = Set.of("not", "in", "or", "and", "matches", "contains", "startsWith",
            "endsWith", "let", "if", "else");

    private final String source;
    private int at;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokens(String source) {
        Lexer lexer = new Lexer(source);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.EOF);
        return tokens;
    }

    private Token next() {
        skipSpaceAndComments();
        if (at >= source.length()) {
            return new Token(Kind.EOF, "", null, source.stripTrailing().length()); // where the expression ended
        }
        int start = at;
        char c = source.charAt(at);
        if (c == '\'' || c == '"') {
            String text = quoted(c, false);
            return new Token(Kind.STRING, source.substring(start, at), text, start);
        }
        if (c == '`') {
            int end = source.indexOf('`', at + 1);
            if (end < 0) {
                throw syntax(start, "a string opened with ` is never closed");
            }
            at = end + 1;
            return new Token(Kind.STRING, source.substring(start, at), source.substring(start + 1, end), start);
        }
        if ((c == 'b' || c == 'B') && at + 1 < source.length()
                && (source.charAt(at + 1) == '\'' || source.charAt(at + 1) == '"')) {
            at++;
            String text = quoted(source.charAt(at), true);
            return new Token(Kind.BYTES, source.substring(start, at), text.getBytes(StandardCharsets.ISO_8859_1),
                    start);
        }
        if (isDigit(c) || (c == '.' && at + 1 < source.length() && isDigit(source.charAt(at + 1)))) {
            return number(start);
        }
        if (c == '#') {
            at++;
            int nameStart = at;
            while (at < source.length() && isIdentifierPart(source.charAt(at))) {
                at++;
            }
            return new Token(Kind.POINTER, source.substring(start, at), source.substring(nameStart, at), start);
        }
        if (isIdentifierStart(c)) {
            while (at < source.length() && isIdentifierPart(source.charAt(at))) {
                at++;
            }
            String word = source.substring(start, at);
            return new Token(WORD_OPERATORS.contains(word) ? Kind.OPERATOR : Kind.IDENTIFIER, word, word, start);
        }
        if ("([{)]}".indexOf(c) >= 0) {
            at++;
            return new Token(Kind.BRACKET, String.valueOf(c), null, start);
        }
        return new Token(Kind.OPERATOR, symbol(start, c), null, start);
    }

    private String symbol(int start, char c) {
        at++;
        String two = at < source.length() ? "" + c + source.charAt(at) : "";
        switch (two) {
            case "?.", "??", "||", "&&", "==", "!=", "<=", ">=", "**", "..", "::" -> {
                at++;
                return two;
            }
            default -> {
                if ("?|:,;%+-^!=*<>/.".indexOf(c) >= 0) {
                    return String.valueOf(c);
                }
                throw syntax(start, "unexpected character '" + printable(c) + "'");
            }
        }
    }

    private Token number(int start) {
        String digits = "0123456789_";
        boolean integerOnly = false;
        if (source.startsWith("0x", at) || source.startsWith("0X", at)) {
            digits = "0123456789abcdefABCDEF_";
            at += 2;
            integerOnly = true;
        } else if (source.startsWith("0o", at) || source.startsWith("0O", at)) {
            digits = "01234567_";
            at += 2;
            integerOnly = true;
        } else if (source.startsWith("0b", at) || source.startsWith("0B", at)) {
            digits = "01_";
            at += 2;
            integerOnly = true;
        }
        run(digits);
        if (!integerOnly && at < source.length() && source.charAt(at) == '.'
                && !(at + 1 < source.length() && source.charAt(at + 1) == '.')) {
            at++;
            run(digits);
        }
        if (!integerOnly && at < source.length() && (source.charAt(at) == 'e' || source.charAt(at) == 'E')) {
            at++;
            if (at < source.length() && (source.charAt(at) == '+' || source.charAt(at) == '-')) {
                at++;
            }
            run(digits);
        }
        if (at < source.length() && isIdentifierPart(source.charAt(at))) {
            while (at < source.length() && isIdentifierPart(source.charAt(at))) {
                at++;
            }
            throw syntax(start, "bad number syntax: " + source.substring(start, at));
        }
        return new Token(Kind.NUMBER, source.substring(start, at), null, start);
    }

    private void run(String allowed) {
        while (at < source.length() && allowed.indexOf(source.charAt(at)) >= 0) {
            at++;
        }
    }

    /** The decoded content of the literal opened by {@code quote} at {@code at}; leaves {@code at} after it. */
    private String quoted(char quote, boolean bytes) {
        int start = at;
        StringBuilder out = new StringBuilder();
        at++;
        while (true) {
            if (at >= source.length()) {
                throw syntax(start, "a string opened with " + quote + " is never closed");
            }
            char c = source.charAt(at++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                if (bytes && c > 0x7f) {
                    for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                        out.append((char) (b & 0xff));
                    }
                } else {
                    out.append(c);
                }
                continue;
            }
            escape(out, quote, bytes);
        }
    }

    private void escape(StringBuilder out, char quote, boolean bytes) {
        int escapeAt = at - 1;
        if (at >= source.length()) {
            throw syntax(escapeAt, "a string ends with a lone backslash");
        }
        char e = source.charAt(at++);
        switch (e) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case '\\' -> out.append('\\');
            case '\'', '"' -> {
                if (e != quote) {
                    throw syntax(escapeAt, "invalid escape \\" + e + " in a string quoted with " + quote);
                }
                out.append(e);
            }
            case 'x' -> out.append((char) hex(escapeAt, 2));
            case 'u', 'U' -> {
                if (bytes) {
                    throw syntax(escapeAt, "bytes literals take \\x escapes, not \\" + e);
                }
                int codePoint = hex(escapeAt, e == 'u' ? 4 : 8);
                if (!Character.isValidCodePoint(codePoint)) {
                    throw syntax(escapeAt, "\\" + e + " escape is not a valid code point");
                }
                out.appendCodePoint(codePoint);
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    at--;
                    int value = 0;
                    for (int i = 0; i < 3; i++) {
                        char d = at < source.length() ? source.charAt(at) : 'x';
                        if (d < '0' || d > '7') {
                            throw syntax(escapeAt, "an octal escape needs three digits");
                        }
                        value = value * 8 + (d - '0');
                        at++;
                    }
                    if (value > 255) {
                        throw syntax(escapeAt, "octal escape value " + value + " is above 255");
                    }
                    out.append((char) value);
                } else {
                    throw syntax(escapeAt, "invalid escape \\" + printable(e));
                }
            }
        }
    }

    private int hex(int escapeAt, int digits) {
        if (at + digits > source.length()) {
            throw syntax(escapeAt, "an escape needs " + digits + " hexadecimal digits");
        }
        String text = source.substring(at, at + digits);
        for (char d : text.toCharArray()) {
            if (Character.digit(d, 16) < 0) {
                throw syntax(escapeAt, "an escape needs " + digits + " hexadecimal digits");
            }
        }
        at += digits;
        return (int) Long.parseLong(text, 16);
    }

    private void skipSpaceAndComments() {
        while (at < source.length()) {
            char c = source.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (source.startsWith("//", at)) {
                int end = source.indexOf('\n', at);
                at = end < 0 ? source.length() : end + 1;
            } else if (source.startsWith("/*", at)) {
                int end = source.indexOf("*/", at + 2);
                if (end < 0) {
                    throw syntax(at, "a comment opened with /* is never closed");
                }
                at = end + 2;
            } else {
                return;
            }
        }
    }

    private Failure syntax(int position, String reason) {
        return new Failure(ExpressionException.Kind.SYNTAX, reason, position);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return c == '_' || c == '$' || Character.isLetter(c);
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
