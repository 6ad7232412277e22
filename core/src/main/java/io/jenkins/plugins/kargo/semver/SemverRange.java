package io.jenkins.plugins.kargo.semver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A semver range in the constraint language of Masterminds semver v3, which Kargo uses for {@code constraint} and
 * {@code semverConstraint}, evaluated with Kargo's pre-release rule.
 *
 * <p>Language: comparisons {@code =} (or none), {@code !=}, {@code >}, {@code >=} ({@code =>}), {@code <},
 * {@code <=} ({@code =<}), {@code ~} ({@code ~>}), {@code ^}; x-ranges ({@code 1.2.x}, {@code 1.*}, {@code 1.2},
 * {@code *}); hyphen ranges ({@code 1.2 - 1.4.5}); a leading {@code v} on versions. Comparisons separated by spaces
 * or commas must all hold; {@code ||} separates alternatives, one of which must hold.
 *
 * <p>Pre-releases: a pre-release version can only satisfy an alternative in which some comparison names a
 * pre-release, and then every comparison of that alternative compares it by plain SemVer precedence. So
 * {@code >=1.0.0-alpha} admits {@code 1.3.0-alpha.1} and {@code 10.0.0-beta}; {@code >=1.0.0} admits no pre-release;
 * {@code >=1.0.0-beta || >=1.0.0} admits {@code 1.2.3-alpha.1} through its first alternative. This is Masterminds
 * v3.4+ (Kargo pins v3.5.0): the rule applies per alternative, so {@code >=1.0.0-alpha <2.0.0} admits
 * {@code 1.5.0-beta}. It is not npm's rule, which semver4j applies by default.
 *
 * <p>The empty range admits every version, pre-releases included: Kargo skips the constraint check when none is
 * configured ({@code pkg/image/semver_selector.go}, {@code pkg/helm/chart/base_selector.go}).
 */
public final class SemverRange {

    /** Input longer than this is refused before parsing; real ranges are a few dozen characters. */
    static final int MAX_LENGTH = 1024;

    private static final String PART = "[0-9]+|[xX*]";
    private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final String VERSION =
            "v?(?:" + PART + ")(?:\\.(?:" + PART + ")){0,2}(?:-" + IDENTIFIERS + ")?(?:\\+" + IDENTIFIERS + ")?";
    private static final Pattern HYPHEN_RANGE = Pattern.compile("(" + VERSION + ")\\s+-\\s+(" + VERSION + ")");
    private static final Pattern COMPARISON = Pattern.compile("(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?\\s*v?(" + PART
            + ")(?:\\.(" + PART + "))?(?:\\.(" + PART + "))?(?:-(" + IDENTIFIERS + "))?(?:\\+(" + IDENTIFIERS + "))?");

    private final String expression;
    private final List<Alternative> alternatives;

    private SemverRange(String expression, List<Alternative> alternatives) {
        this.expression = expression;
        this.alternatives = List.copyOf(alternatives);
    }

    /**
     * @param expression a range such as {@code >=1.0.0-alpha} or {@code ^1.2 || ~2.0}; empty (or blank) for
     *                   "any version"
     * @throws InvalidSemverRangeException saying what is wrong, with an example of a valid range
     */
    public static SemverRange parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String trimmed = expression.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidSemverRangeException(trimmed.substring(0, 40) + "...",
                    "it is " + trimmed.length() + " characters long, more than the " + MAX_LENGTH + " allowed");
        }
        List<Alternative> alternatives = new ArrayList<>();
        if (!trimmed.isEmpty()) {
            for (String alternative : trimmed.split("\\|\\|", -1)) {
                alternatives.add(parseAlternative(trimmed, alternative));
            }
        }
        return new SemverRange(trimmed, alternatives);
    }

    /** Whether the version is in this range. */
    /** Whether this is the empty range, which admits every version without looking at it. */
    public boolean admitsAll() {
        return alternatives.isEmpty();
    }

    public boolean admits(Semver version) {
        return alternatives.isEmpty() || alternatives.stream().anyMatch(a -> a.admits(version));
    }

    /** The range as written (trimmed); empty for "any version". */
    public String expression() {
        return expression;
    }

    /**
     * Whether some comparison names a pre-release, which opens its alternative to the pre-releases of every
     * version: {@code >=1.0.0-beta || >=1.0.0} admits {@code 1.2.3-alpha.1}. False for the empty range, although
     * that admits pre-releases too.
     */
    public boolean namesPreRelease() {
        return alternatives.stream().anyMatch(Alternative::namesPreRelease);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SemverRange range && range.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }

    private static Alternative parseAlternative(String expression, String alternative) {
        // "1.2 - 1.4.5" means ">=1.2, <=1.4.5"
        String text = HYPHEN_RANGE.matcher(alternative).replaceAll(" >=$1, <=$2 ");
        int length = text.length();
        int position = skipSpaces(text, 0);
        if (position == length) {
            throw new InvalidSemverRangeException(expression,
                    "an alternative next to \"||\" is empty; write a comparison on each side of \"||\"");
        }
        List<Comparison> comparisons = new ArrayList<>();
        while (true) {
            Matcher m = COMPARISON.matcher(text).region(position, length);
            if (!m.lookingAt() || m.end() < length && !isSeparator(text.charAt(m.end()))) {
                throw new InvalidSemverRangeException(expression, "cannot read \"" + token(text, position)
                        + "\" as a comparison such as \">=1.2.3\", \"~1.2\", \"^2\" or \"1.2.x\"");
            }
            comparisons.add(comparison(expression, m));
            position = skipSpaces(text, m.end());
            if (position == length) {
                return new Alternative(comparisons);
            }
            if (text.charAt(position) == ',') {
                position = skipSpaces(text, position + 1);
                if (position == length) {
                    throw new InvalidSemverRangeException(expression, "a comma must be followed by a comparison");
                }
            }
        }
    }

    private static Comparison comparison(String expression, Matcher m) {
        Operator operator = Operator.of(m.group(1));
        String[] parts = {m.group(2), m.group(3), m.group(4)};
        int fixed = 0; // leading parts that are numbers; the rest are open, and Masterminds reads them as 0
        while (fixed < parts.length && parts[fixed] != null && !isX(parts[fixed])) {
            fixed++;
        }
        Wildcard wildcard = Wildcard.values()[parts.length - fixed];
        int[] numbers = new int[parts.length];
        for (int i = 0; i < fixed; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidSemverRangeException(expression,
                        "the number " + parts[i] + " in \"" + m.group().strip() + "\" is too large");
            }
        }
        // as Masterminds: an x-range keeps its pre-release but drops build metadata
        String version = numbers[0] + "." + numbers[1] + "." + numbers[2]
                + (m.group(5) == null ? "" : "-" + m.group(5))
                + (m.group(6) == null || wildcard != Wildcard.NONE ? "" : "+" + m.group(6));
        Semver semver = Semver.parse(version);
        if (semver == null) {
            throw new InvalidSemverRangeException(expression, "\"" + m.group().strip()
                    + "\" has an invalid pre-release or build part (identifiers must not be empty and numeric"
                    + " identifiers must not have leading zeros)");
        }
        return new Comparison(operator, semver, wildcard);
    }

    private static boolean isX(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    private static boolean isSeparator(char c) {
        return c == ',' || Character.isWhitespace(c);
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String token(String text, int from) {
        int end = from;
        while (end < text.length() && !isSeparator(text.charAt(end))) {
            end++;
        }
        return text.substring(from, end);
    }

    /** Comparisons that must all hold. */
    private record Alternative(List<Comparison> comparisons, boolean namesPreRelease) {

        Alternative(List<Comparison> comparisons) {
            this(List.copyOf(comparisons),
                    comparisons.stream().anyMatch(c -> !c.version().getPreRelease().isEmpty()));
        }

        boolean admits(Semver v) {
            return (v.getPreRelease().isEmpty() || namesPreRelease)
                    && comparisons.stream().allMatch(c -> c.admits(v));
        }
    }

    /** How many trailing parts of a version the user left open ({@code x}, {@code *} or missing): 0 to 3. */
    private enum Wildcard { NONE, PATCH, MINOR, ALL }

    private enum Operator {
        EQ, NE, GT, GTE, LT, LTE, TILDE, CARET;

        static Operator of(String symbol) {
            return switch (symbol == null ? "" : symbol) {
                case "", "=" -> EQ;
                case "!=" -> NE;
                case ">" -> GT;
                case ">=", "=>" -> GTE;
                case "<" -> LT;
                case "<=", "=<" -> LTE;
                case "~", "~>" -> TILDE;
                case "^" -> CARET;
                default -> throw new IllegalStateException("operator " + symbol + " is in the pattern but not here");
            };
        }
    }

    /**
     * One comparison with Masterminds' meaning of each operator and x-range (constraints.go): {@code >1.2} means
     * {@code >=1.3.0}, {@code <=1.2} means {@code <1.3.0}, {@code =1.2} means {@code ~1.2}. The pre-release gate
     * is applied by the {@link Alternative}.
     */
    private record Comparison(Operator operator, Semver version, Wildcard wildcard) {

        boolean admits(Semver v) {
            int order = SemverPrecedence.compare(v, version);
            int major = version.getMajor();
            int minor = version.getMinor();
            return switch (operator) {
                case EQ -> wildcard == Wildcard.NONE ? order == 0 : tilde(v, order);
                case TILDE -> tilde(v, order);
                case CARET -> caret(v, order);
                case GTE -> order >= 0;
                case LT -> order < 0;
                case GT -> switch (wildcard) {
                    case NONE, ALL -> order > 0;
                    case MINOR -> v.getMajor() > major;
                    case PATCH -> v.getMajor() > major || v.getMajor() == major && v.getMinor() > minor;
                };
                case LTE -> switch (wildcard) {
                    case NONE -> order <= 0;
                    case MINOR -> v.getMajor() <= major;
                    case PATCH -> v.getMajor() < major || v.getMajor() == major && v.getMinor() <= minor;
                    case ALL -> v.getMajor() == 0 && v.getMinor() == 0;
                };
                case NE -> switch (wildcard) {
                    case NONE, ALL -> order != 0;
                    case MINOR -> v.getMajor() != major;
                    case PATCH -> v.getMajor() != major || v.getMinor() != minor
                            || !v.getPreRelease().equals(version.getPreRelease());
                };
            };
        }

        // ~1.2.3 and ~1.2 mean >=1.2.x <1.3.0, ~1 means >=1 <2, ~* and ~0.0.0 anything
        private boolean tilde(Semver v, int order) {
            if (order < 0) {
                return false;
            }
            boolean zero = version.getMajor() == 0 && version.getMinor() == 0 && version.getPatch() == 0;
            if (zero && (wildcard == Wildcard.NONE || wildcard == Wildcard.ALL)) {
                return true;
            }
            return v.getMajor() == version.getMajor()
                    && (wildcard == Wildcard.MINOR || v.getMinor() == version.getMinor());
        }

        // ^1.2.3 means <2.0.0, ^0.2.3 <0.3.0, ^0.0.3 <0.0.4, ^0.0 <0.1.0, ^0 <1.0.0
        private boolean caret(Semver v, int order) {
            if (order < 0) {
                return false;
            }
            if (version.getMajor() > 0 || wildcard == Wildcard.MINOR) {
                return v.getMajor() == version.getMajor();
            }
            if (v.getMajor() > 0) {
                return false;
            }
            if (version.getMinor() > 0 || wildcard == Wildcard.PATCH) {
                return v.getMinor() == version.getMinor();
            }
            return v.getMinor() == 0 && v.getPatch() == version.getPatch();
        }
    }
}
