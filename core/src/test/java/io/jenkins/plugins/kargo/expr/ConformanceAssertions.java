package io.jenkins.plugins.kargo.expr;

import java.util.List;
import java.util.Map;

/** Comparisons for the conformance suites: expected values written as JSON, actual values from the engine. */
public final class ConformanceAssertions {

    private ConformanceAssertions() {
    }

    /** Equal values of the same kind: an int expected is a Long given, a float a Double. */
    public static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Long || expected instanceof Integer) {
            return actual instanceof Long l && l == ((Number) expected).longValue();
        }
        if (expected instanceof Double d) {
            return actual instanceof Double a && a.equals(d);
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!same(e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            return e.size() == a.size() && e.keySet().stream().allMatch(k -> a.containsKey(k)
                    && same(e.get(k), a.get(k)));
        }
        return expected.equals(actual);
    }
}
