package io.jenkins.plugins.kargo.tags;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/**
 * Kargo's {@code allowTagsRegexes} / {@code ignoreTagsRegexes} ({@code pkg/image/tag_based_selector.go}): a tag is
 * allowed when no ignore pattern matches it and, if there are allow patterns, at least one of them does. Patterns are
 * RE2, as in Go's {@code regexp}, and match anywhere in the tag ({@code regexp.MatchString}); anchor them with
 * {@code ^...$} to match the whole tag.
 */
public final class TagFilter {

    /** Longer patterns are refused; real tag patterns are a few dozen characters. */
    static final int MAX_PATTERN_LENGTH = 1000;
    /** Estimated compiled size above which a pattern is refused (see {@link RegexSize}). */
    static final long MAX_PATTERN_SIZE = 10_000;

    private static final TagFilter ALLOW_ALL = new TagFilter(List.of(), List.of());

    private final List<Pattern> allow;
    private final List<Pattern> ignore;

    private TagFilter(List<Pattern> allow, List<Pattern> ignore) {
        this.allow = List.copyOf(allow);
        this.ignore = List.copyOf(ignore);
    }

    /** The filter that allows every tag. */
    public static TagFilter allowAll() {
        return ALLOW_ALL;
    }

    /**
     * @throws InvalidTagPatternException for the first pattern that cannot be used, naming it and the fix
     */
    public static TagFilter of(List<String> allowRegexes, List<String> ignoreRegexes) {
        if (allowRegexes.isEmpty() && ignoreRegexes.isEmpty()) {
            return ALLOW_ALL;
        }
        return new TagFilter(allowRegexes.stream().map(TagFilter::compile).toList(),
                ignoreRegexes.stream().map(TagFilter::compile).toList());
    }

    /**
     * Checks one pattern for the configuration validator.
     *
     * @throws InvalidTagPatternException if RE2 refuses the pattern (backreferences, lookaround, bad syntax) or it
     *                                    is too long or repeats too much to compile safely
     */
    public static void validate(String pattern) {
        compile(pattern);
    }

    /** Whether discovery may consider this tag. */
    public boolean allows(String tag) {
        for (Pattern p : ignore) {
            if (p.matcher(tag).find()) {
                return false;
            }
        }
        if (allow.isEmpty()) {
            return true;
        }
        for (Pattern p : allow) {
            if (p.matcher(tag).find()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "TagFilter[allow=" + allow + ", ignore=" + ignore + "]";
    }

    private static Pattern compile(String pattern) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new InvalidTagPatternException(pattern.substring(0, 40) + "...",
                    "it is " + pattern.length() + " characters long, more than the " + MAX_PATTERN_LENGTH + " allowed",
                    "describe the tags with a shorter pattern, or split it into several allow patterns");
        }
        if (RegexSize.estimate(pattern) > MAX_PATTERN_SIZE) {
            throw new InvalidTagPatternException(pattern,
                    "its repetitions expand to more than " + MAX_PATTERN_SIZE + " steps",
                    "use smaller counts in {n,m}, do not nest counted repetitions, or use * and + instead");
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidTagPatternException(pattern, e.getMessage().replaceFirst("^error parsing regexp: ", ""),
                    fixFor(pattern));
        }
    }

    private static String fixFor(String pattern) {
        if (pattern.matches(".*\\\\[1-9].*")) {
            return "RE2 has no backreferences: spell out the repeated text, or filter the rest with ignoreTagsRegexes";
        }
        if (pattern.contains("(?=") || pattern.contains("(?!") || pattern.contains("(?<=")
                || pattern.contains("(?<!")) {
            return "RE2 has no lookahead or lookbehind: put what must not match in ignoreTagsRegexes instead";
        }
        return "write the pattern in RE2 syntax (https://github.com/google/re2/wiki/Syntax), as Kargo does;"
                + " escape literal dots as \\. and anchor with ^...$ to match the whole tag";
    }
}
