package io.jenkins.plugins.kargo.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.AnalysisTemplate.Metric;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.api.ResourceKind;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.net.Sleeper;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Measurements of different metrics run at the same time: each test's measurements wait for one another on latches
 * or barriers, which a runner measuring one at a time could never satisfy (every wait is bounded, so such a runner
 * fails these tests instead of hanging). No assertion is about how long anything took.
 */
class AnalysisRunnerConcurrencyTest {

    private static final VerificationRef STAGING = new VerificationRef("shop", "staging", "staging.01", Instant.EPOCH);
    private static final Duration BOUND = Duration.ofSeconds(30);

    /** What a metric's measurement does, keyed by the metric's query. */
    @FunctionalInterface
    private interface Behaviour {
        Object measure() throws MeasurementException, InterruptedException;
    }

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> interrupted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger running = new AtomicInteger(); // measurements whose code has not returned
    private final List<ExecutorService> executors = Collections.synchronizedList(new ArrayList<>());

    private final MeasurementProvider<MetricProvider.Prometheus> provider = (prometheus, context) -> {
        running.incrementAndGet();
        try {
            return behaviours.get(prometheus.query()).measure();
        } catch (InterruptedException e) {
            interrupted.add(prometheus.query());
            throw e;
        } finally {
            running.decrementAndGet();
        }
    };

    private AnalysisRunner runner(Clock clock, Sleeper sleeper) {
        return new AnalysisRunner(MeasurementProviders.none().with(MetricProvider.Prometheus.class, provider),
                new ConditionEvaluator(new ExpressionEngine()), clock, sleeper, () -> {
                    ExecutorService executor = Executors.newCachedThreadPool();
                    executors.add(executor);
                    return executor;
                });
    }

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AnalysisRunner runner = runner(clock, clock.sleeper());

    @AfterEach
    void clearInterruptOfTheTestThread() {
        Thread.interrupted(); // a failing run may leave it set; the next test must not inherit it
    }

    private static Metric metric(String query, Duration interval, int count, String success) {
        return new Metric(query, Optional.ofNullable(interval), Duration.ZERO, count, 0, 0, 0, success, "",
                new MetricProvider.Prometheus("http://prom", query), SourceLocation.UNKNOWN);
    }

    private static Metric once(String query, String success) {
        return metric(query, null, 0, success);
    }

    private static AnalysisRequest request(Metric... metrics) {
        return new AnalysisRequest(STAGING, List.of(new AnalysisTemplate(ResourceKind.ANALYSIS_TEMPLATE, "shop",
                "tests", List.of(), List.of(metrics), SourceLocation.UNKNOWN)), Map.of(), EventSink.NONE);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException, MeasurementException {
        if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            throw new MeasurementException("never saw " + what);
        }
    }

    /** Blocks until interrupted (or the bound passes: then it was not interrupted, and says so). */
    private static Object untilInterrupted(CountDownLatch started) throws InterruptedException, MeasurementException {
        started.countDown();
        new CountDownLatch(1).await(BOUND.toSeconds(), TimeUnit.SECONDS); // nothing counts it down
        throw new MeasurementException("was never interrupted");
    }

    /** Nothing measures once run() is over: every measurement's code has returned and the executor has ended. */
    private void assertNothingLeftRunning() {
        assertThat(running).hasValue(0);
        assertThat(executors).isNotEmpty().allSatisfy(executor -> assertThat(executor.isTerminated()).isTrue());
    }

    private static MetricResult metric(AnalysisResult result, String name) {
        return result.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void measurementsOfDifferentMetricsRunAtTheSameTime() throws Exception {
        CyclicBarrier bothMeasuring = new CyclicBarrier(2);
        Behaviour meet = () -> {
            try {
                bothMeasuring.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                return 1;
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new MeasurementException("the other metric was not measured meanwhile");
            }
        };
        behaviours.put("integration", meet);
        behaviours.put("e2e", meet);

        AnalysisResult result = runner.run(request(once("integration", "result == 1"), once("e2e", "result == 1")),
                () -> false);

        assertThat(result.phase()).as(result.message()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(result.metrics()).allSatisfy(m -> assertThat(m.measurements()).singleElement()
                .extracting(Measurement::phase).isEqualTo(AnalysisPhase.SUCCESSFUL));
        assertNothingLeftRunning();
    }

    @Test
    void aSlowMeasurementDoesNotDelayAnotherMetricsNextMeasurements() throws Exception {
        // the seed's staging: a long load test while a quicker metric keeps its own interval. The quick metric's
        // intervals are real (10 ms on the system clock), as the load test must stay in flight through them
        CountDownLatch thirdSmoke = new CountDownLatch(3);
        behaviours.put("smoke", () -> {
            thirdSmoke.countDown();
            return 1;
        });
        behaviours.put("load", () -> {
            await(thirdSmoke, "three smoke measurements while the load test ran");
            return 1;
        });

        AnalysisResult result = runner(Clock.systemUTC(), Sleeper.SYSTEM).run(request(
                once("load", "result == 1"), metric("smoke", Duration.ofMillis(10), 3, "result == 1")), () -> false);

        assertThat(result.phase()).as(result.message()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        // the load test's one measurement succeeded only because all three smoke measurements started meanwhile
        assertThat(metric(result, "load").measurements()).singleElement().extracting(Measurement::phase)
                .isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(metric(result, "smoke").measurements()).hasSize(3);
        assertNothingLeftRunning();
    }

    @Test
    void aMetricThatFailsStopsTheOthersAndInterruptsTheirMeasurements() throws Exception {
        CountDownLatch loadStarted = new CountDownLatch(1);
        behaviours.put("load", () -> untilInterrupted(loadStarted));
        behaviours.put("e2e", () -> {
            await(loadStarted, "the load test start");
            return 0;
        });

        AnalysisResult result = runner.run(request(once("load", "result == 1"), once("e2e", "result == 1")),
                () -> false);

        assertThat(result.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(result.message()).contains("\"e2e\" assessed Failed");
        assertThat(interrupted).containsExactly("load");
        MetricResult load = metric(result, "load");
        assertThat(load.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(load.message()).isEqualTo("stopped as metric \"e2e\" assessed Failed");
        assertThat(load.measurements()).isEmpty(); // the interrupted one is not a measurement
        assertNothingLeftRunning();
    }

    @Test
    void anAbortInterruptsEveryMeasurementInFlight() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        behaviours.put("integration", () -> untilInterrupted(bothStarted));
        behaviours.put("e2e", () -> untilInterrupted(bothStarted));
        BooleanSupplier aborted = () -> bothStarted.getCount() == 0; // a user aborts while both are in flight

        AnalysisResult result = runner.run(request(once("integration", ""), once("e2e", "")), aborted);

        assertThat(result.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(result.message()).isEqualTo("Verification aborted by user");
        assertThat(interrupted).containsExactlyInAnyOrder("integration", "e2e");
        assertThat(result.metrics()).allSatisfy(m -> assertThat(m.measurements()).isEmpty());
        assertNothingLeftRunning();
    }

    @Test
    void anInterruptedCallerAbandonsTheRunAndInterruptsItsMeasurements() throws Exception {
        Thread caller = Thread.currentThread();
        CountDownLatch loadStarted = new CountDownLatch(1);
        behaviours.put("load", () -> untilInterrupted(loadStarted));
        behaviours.put("e2e", () -> {
            await(loadStarted, "the load test start");
            caller.interrupt(); // e.g. Jenkins cancels the build while the load test runs
            return 1;
        });

        assertThatThrownBy(() -> runner.run(request(once("load", "result == 1"), once("e2e", "result == 1")),
                () -> false)).isInstanceOf(InterruptedException.class);

        assertThat(interrupted).containsExactly("load");
        assertNothingLeftRunning();
    }
}
