package io.jenkins.plugins.kargo.expr;

/**
 * What is left of one evaluation's {@link Limits}: steps, time and the bytes it may still allocate. It is charged in
 * the evaluating thread as the work happens, so a bound stops the work itself, not a watcher: there is no thread
 * per evaluation or per closure, and nothing keeps running after the bound. The time and the thread's interrupt are
 * looked at every 256 steps and inside long built-ins.
 *
 * <p>One budget may be shared by several evaluations (every {@code ${{ }}} of a step's configuration, both
 * conditions of a measurement): they then share one bound. Not thread-safe: one budget belongs to one thread.
 */
public final class Budget {

    private static final int CHECK_EVERY = 256;

    private final Limits limits;
    private final long deadline;
    private long steps;
    private long allocated;

    private Budget(Limits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxTime().toNanos();
    }

    /** A fresh budget whose time starts now. */
    public static Budget start(Limits limits) {
        return new Budget(limits);
    }

    public Limits limits() {
        return limits;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** Estimated bytes allocated so far. */
    public long allocated() {
        return allocated;
    }

    /** One operation. */
    void step() {
        steps(1);
    }

    /** {@code count} operations (a function that walks a list charges its length). */
    public void charge(long count) {
        outside(() -> steps(count));
    }

    /** Throws when the time is up or the thread was interrupted; long built-ins call this as they go. */
    public void checkTime() {
        outside(this::time);
    }

    /** A string of {@code length} characters is about to be made. */
    public void chargeString(long length) {
        outside(() -> string(length));
    }

    /** A list or map of {@code size} elements is about to be made. */
    public void chargeCollection(long size) {
        outside(() -> collection(size));
    }

    /** Refuses a collection larger than the limit without charging memory (a range is not materialised). */
    public void checkSize(long size) {
        outside(() -> size(size));
    }

    /** Refuses a value nested deeper than the limit. */
    public void checkDepth(int depth) {
        outside(() -> depth(depth));
    }

    /** The public charges throw {@link ExpressionException}, which callers outside the engine handle. */
    private static void outside(Runnable charge) {
        try {
            charge.run();
        } catch (Failure f) {
            throw f.toException("");
        }
    }

    void steps(long count) {
        long before = steps;
        steps += count;
        if (steps > limits.maxSteps()) {
            throw Failure.limit("took more than " + limits.maxSteps() + " steps (the limit); simplify the expression"
                    + " or work on less data");
        }
        if (before / CHECK_EVERY != steps / CHECK_EVERY) {
            time();
        }
    }

    void time() {
        if (Thread.interrupted()) {
            throw new Interrupted();
        }
        if (System.nanoTime() - deadline > 0) {
            throw Failure.limit("did not finish within " + limits.maxTime().toMillis() + " ms (the limit)");
        }
    }

    void string(long length) {
        if (length > limits.maxStringLength()) {
            throw Failure.limit("would make a string of " + length + " characters; the limit is "
                    + limits.maxStringLength());
        }
        allocate(40 + 2 * length);
    }

    void collection(long size) {
        size(size);
        allocate(32 + 24 * size);
    }

    void size(long size) {
        if (size > limits.maxCollectionSize()) {
            throw Failure.limit("would make a list or map of " + size + " elements; the limit is "
                    + limits.maxCollectionSize());
        }
    }

    void depth(int depth) {
        if (depth > limits.maxValueDepth()) {
            throw Failure.limit("a value is nested deeper than " + limits.maxValueDepth() + " levels (the limit)");
        }
    }

    private void allocate(long bytes) {
        allocated += bytes;
        if (allocated > limits.maxAllocation()) {
            throw Failure.limit("would allocate more than " + (limits.maxAllocation() >> 20) + " MiB (the limit)");
        }
    }

    /** The evaluating thread was interrupted: the evaluation stops and its caller sees an InterruptedException. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }
}
