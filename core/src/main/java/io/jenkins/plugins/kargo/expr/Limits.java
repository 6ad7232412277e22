package io.jenkins.plugins.kargo.expr;

import java.time.Duration;

/**
 * The bounds one evaluation may not cross. Parsing checks the source's length and nesting; evaluation charges a
 * {@link Budget} made from these limits for every step, every string, list and map it makes, and the time it takes.
 * Whatever crosses a bound ends the evaluation with an {@link ExpressionException} saying which bound and how to
 * raise it.
 *
 * @param maxSourceLength   characters of one expression's text
 * @param maxDepth          nesting of one expression (parentheses, operators, calls, literals inside literals)
 * @param maxSteps          operations of one evaluation, closures' included
 * @param maxTime           wall-clock time of one evaluation
 * @param maxStringLength   characters of any string an evaluation makes
 * @param maxCollectionSize elements of any list, range or map an evaluation makes
 * @param maxAllocation     estimated bytes of all strings, lists and maps one evaluation makes, added up
 * @param maxValueDepth     nesting of any value an evaluation reads, makes or returns (lists in lists, maps in maps)
 */
public record Limits(int maxSourceLength, int maxDepth, long maxSteps, Duration maxTime, int maxStringLength,
                     int maxCollectionSize, long maxAllocation, int maxValueDepth) {

    /** The limits that apply unless an operator sets others (documented in {@code docs/security.md}). */
    public static final Limits DEFAULT = new Limits(64 * 1024, 256, 2_000_000, Duration.ofSeconds(10), 1 << 20,
            1_000_000, 32L << 20, 1000);

    public Limits {
        if (maxSourceLength < 1 || maxDepth < 1 || maxSteps < 1 || maxTime.isNegative() || maxTime.isZero()
                || maxStringLength < 1 || maxCollectionSize < 1 || maxAllocation < 1 || maxValueDepth < 1) {
            throw new IllegalArgumentException("every expression limit must be positive: " + this);
        }
    }

    public Limits withMaxTime(Duration time) {
        return new Limits(maxSourceLength, maxDepth, maxSteps, time, maxStringLength, maxCollectionSize,
                maxAllocation, maxValueDepth);
    }

    public Limits withMaxSteps(long steps) {
        return new Limits(maxSourceLength, maxDepth, steps, maxTime, maxStringLength, maxCollectionSize,
                maxAllocation, maxValueDepth);
    }

    public Limits withMaxDepth(int depth) {
        return new Limits(maxSourceLength, depth, maxSteps, maxTime, maxStringLength, maxCollectionSize,
                maxAllocation, maxValueDepth);
    }

    public Limits withMaxStringLength(int length) {
        return new Limits(maxSourceLength, maxDepth, maxSteps, maxTime, length, maxCollectionSize, maxAllocation,
                maxValueDepth);
    }

    public Limits withMaxCollectionSize(int size) {
        return new Limits(maxSourceLength, maxDepth, maxSteps, maxTime, maxStringLength, size, maxAllocation,
                maxValueDepth);
    }

    public Limits withMaxAllocation(long bytes) {
        return new Limits(maxSourceLength, maxDepth, maxSteps, maxTime, maxStringLength, maxCollectionSize, bytes,
                maxValueDepth);
    }
}
