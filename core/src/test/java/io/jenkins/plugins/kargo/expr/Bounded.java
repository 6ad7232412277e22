package io.jenkins.plugins.kargo.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs one piece of work in the calling thread and measures what the attack suites assert: how long it took, how
 * many bytes the thread allocated meanwhile (HotSpot's per-thread allocation counter, which counts garbage too, so it
 * bounds the heap growth from above), and whether any other thread is still running engine code afterwards.
 */
public final class Bounded {

    /** Time any one attack may take: the time bound, and a few seconds for a loaded machine to notice it. */
    public static final java.time.Duration TIME_BOUND = Limits.DEFAULT.maxTime().plusSeconds(5);

    /**
     * Bytes the evaluating thread may allocate during one attack: eight times the engine's allocation estimate. The
     * estimate counts the strings, lists and maps an evaluation keeps; the thread's counter also counts the garbage
     * made on the way (boxed numbers, builders as they grow, a predicate's per-element state).
     */
    public static final long HEAP_BOUND = 8 * Limits.DEFAULT.maxAllocation();

    /**
     * Asserts that {@code message} names how the work ended: {@code expected} holds fragments separated by
     * {@code " || "}, of which the message must contain one (an attack that a loaded machine slows down may meet the
     * time bound before its own).
     */
    public static void assertEndedWith(String message, String expected) {
        List<String> fragments = Arrays.stream(expected.split(" \\|\\| ")).map(String::strip).toList();
        assertThat(fragments).as("message: %s", message).anyMatch(message::contains);
    }

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
