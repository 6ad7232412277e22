package io.jenkins.plugins.kargo.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs one piece of work in the calling thread and measures what the attack suites assert: how long it took, how
 * many bytes the thread allocated meanwhile (HotSpot's per-thread allocation counter, which counts garbage too, so it
 * bounds the heap growth from above), and whether any other thread is still running engine code afterwards.
 */
public final class Bounded {

    /** What the work gave or threw, and what it cost. */
    public record Outcome(Object value, Throwable failure, Duration elapsed, long allocatedBytes) {

        public ExpressionException expressionFailure() {
            assertThat(failure).as("expected an ExpressionException, got value %s", value)
                    .isInstanceOf(ExpressionException.class);
            return (ExpressionException) failure;
        }
    }

    private Bounded() {
    }

    public static Outcome run(Callable<Object> work) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        Object value = null;
        Throwable failure = null;
        try {
            value = work.call();
        } catch (Throwable t) {
            failure = t;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long allocated = threads.getThreadAllocatedBytes(id) - allocatedBefore;
        assertNoOtherThreadRunsTheEngine();
        return new Outcome(value, failure, elapsed, allocated);
    }

    /** No thread but the caller's has the engine on its stack: nothing an evaluation started outlives it. */
    public static void assertNoOtherThreadRunsTheEngine() {
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            if (entry.getKey() == Thread.currentThread()) {
                continue;
            }
            boolean inEngine = Arrays.stream(entry.getValue())
                    .anyMatch(frame -> frame.getClassName().startsWith("io.jenkins.plugins.kargo.expr.")
                            && !frame.getClassName().contains("Test"));
            assertThat(inEngine).as("thread %s still runs engine code: %s", entry.getKey().getName(),
                    Arrays.toString(entry.getValue())).isFalse();
        }
    }
}
