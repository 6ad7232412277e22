package io.jenkins.plugins.kargo.tags;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cheap upper estimate of how many instructions a pattern compiles to, computed before compiling it: RE2J
 * expands counted repetition, so {@code ((a{1000}){1000}){1000}} would need 10^9 instructions and exhaust the heap
 * during {@code compile}. Each atom counts 1, a group the sum of its contents, alternatives add up, {@code {n,m}}
 * multiplies the atom before it by its largest count, {@code *+?} add one. Saturates just above any limit in use.
 */
final class RegexSize {

    private static final long SATURATION = Long.MAX_VALUE / 4;
    private static final Pattern COUNTED = Pattern.compile("\\{(\\d{1,9})(?:,(\\d{0,9}))?}");

    private RegexSize() {
    }

    static long estimate(String pattern) {
        Deque<Frame> frames = new ArrayDeque<>();
        Frame frame = new Frame();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            Matcher counted = c == '{' ? COUNTED.matcher(pattern).region(i, pattern.length()) : null;
            if (c == '\\') {
                i = skipEscape(pattern, i);
                frame.atom(1);
            } else if (c == '[') {
                i = skipClass(pattern, i);
                frame.atom(1);
            } else if (c == '(') {
                frames.push(frame);
                frame = new Frame();
                i++;
            } else if (c == ')' && !frames.isEmpty()) {
                long group = frame.total();
                frame = frames.pop();
                frame.atom(group);
                i++;
            } else if (c == '|') {
                frame.flush();
                i++;
            } else if (c == '*' || c == '+' || c == '?') {
                frame.last = saturatingAdd(frame.last, 1);
                i++;
            } else if (counted != null && counted.lookingAt()) {
                long min = Long.parseLong(counted.group(1));
                String upper = counted.group(2);
                // {n} repeats n times, {n,} compiles n copies and a loop, {n,m} m copies
                long max = upper == null ? min : upper.isEmpty() ? min + 1 : Long.parseLong(upper);
                frame.last = saturatingMultiply(frame.last, Math.max(1, max));
                i = counted.end();
            } else {
                frame.atom(1);
                i++;
            }
        }
        while (!frames.isEmpty()) {
            long group = frame.total();
            frame = frames.pop();
            frame.atom(group);
        }
        return frame.total();
    }

    private static int skipEscape(String pattern, int start) {
        int i = start + 1;
        if (i >= pattern.length()) {
            return i;
        }
        char c = pattern.charAt(i);
        if (c == 'Q') {
            int end = pattern.indexOf("\\E", i);
            return end < 0 ? pattern.length() : end + 2;
        }
        if ((c == 'p' || c == 'P' || c == 'x') && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
            int end = pattern.indexOf('}', i);
            return end < 0 ? pattern.length() : end + 1;
        }
        return i + 1;
    }

    private static int skipClass(String pattern, int start) {
        int i = start + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            if (pattern.charAt(i) == '\\') {
                i += 2;
            } else if (pattern.startsWith("[:", i) && pattern.indexOf(":]", i + 2) >= 0) {
                i = pattern.indexOf(":]", i + 2) + 2;
            } else {
                i++;
            }
        }
        return i + 1;
    }

    private static long saturatingAdd(long a, long b) {
        return Math.min(SATURATION, a + b);
    }

    private static long saturatingMultiply(long a, long b) {
        return a > SATURATION / b ? SATURATION : a * b;
    }

    /** One nesting level: the size summed so far and the atom a quantifier would apply to. */
    private static final class Frame {
        long sum;
        long last;

        void atom(long size) {
            flush();
            last = size;
        }

        void flush() {
            sum = saturatingAdd(sum, last);
            last = 0;
        }

        long total() {
            flush();
            return sum;
        }
    }
}
