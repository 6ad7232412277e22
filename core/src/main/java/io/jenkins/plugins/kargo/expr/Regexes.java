package io.jenkins.plugins.kargo.expr;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code matches}: RE2 regular expressions (Go's {@code regexp} syntax, which expr-lang uses) on RE2J, whose matching
 * time is linear in the text, so no pattern can make an evaluation outlive its bound. Compiled patterns are kept in a
 * small cache.
 */
final class Regexes {

    private static final int CACHED = 256;

    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHED;
        }
    };

    private Regexes() {
    }

    /** Whether {@code pattern} matches somewhere in {@code text}, as Go's {@code regexp.MatchString}. */
    static boolean find(String pattern, String text, Budget budget) {
        budget.steps(1L + pattern.length() + text.length());
        Pattern compiled = compile(pattern);
        boolean found = compiled.matcher(text).find();
        budget.time();
        return found;
    }

    static Pattern compile(String pattern) {
        synchronized (CACHE) {
            Pattern cached = CACHE.get(pattern);
            if (cached != null) {
                return cached;
            }
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw Failure.evaluation("invalid regular expression " + ExpressionException.shown(pattern) + ": "
                    + e.getDescription());
        }
        synchronized (CACHE) {
            CACHE.put(pattern, compiled);
        }
        return compiled;
    }
}
