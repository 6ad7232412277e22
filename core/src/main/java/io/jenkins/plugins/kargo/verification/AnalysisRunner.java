package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.AnalysisTemplate.Metric;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.net.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs an analysis as the Argo Rollouts controller does ({@code analysis/analysis.go}):
 * <ul>
 *   <li>each metric is first measured {@code initialDelay} after the start, then {@code interval} after its previous
 *       measurement finished; a measurement that errs is retried after {@code interval}, or 10 s without one;</li>
 *   <li>the measurements of different metrics run concurrently, each in a thread of its own, as upstream runs every
 *       due measurement of a reconcile in a goroutine of its own: a 5-minute load test does not hold back the
 *       other metrics. A metric never has two measurements at once;</li>
 *   <li>a metric is Failed when its failed measurements exceed {@code failureLimit}, Inconclusive when its
 *       inconclusive ones exceed {@code inconclusiveLimit}, Error when its consecutive errors exceed
 *       {@code consecutiveErrorLimit} (checked in that order), and Successful once {@code count} measurements
 *       (errors not counted) were taken: 1 without count and interval; with an interval and no count it measures
 *       until the analysis is stopped;</li>
 *   <li>as soon as one metric ends other than Successful, the analysis stops: the measurements still in flight are
 *       interrupted (and not recorded), the metrics still running end Successful (as upstream, a terminated metric
 *       is not a failure) and the analysis takes the worst phase;</li>
 *   <li>an abort stops it likewise, but the analysis is then Failed, "Verification aborted by user", as Kargo
 *       records it.</li>
 * </ul>
 * A provider's {@link AssessedResult} (a Job's outcome) is its own verdict; any other value is judged by the metric's
 * conditions ({@link ConditionEvaluator}) in the measurement's thread.
 *
 * <p>The calling thread schedules: it starts the due measurements, then waits for the first of a measurement's end,
 * the next due time and an abort. Time passes through the {@link Sleeper} only while no measurement is in flight;
 * while some are, the caller waits for them in real time (a second at most between looks at the abort and the
 * clock). So a fake clock stands still while measurements are in flight, and tests on it stay deterministic. When
 * {@link #run} returns or throws, the measurements still in flight have been interrupted and have ended (each was
 * given {@link #STOP_GRACE}, unless the caller is interrupted once more while they end).
 */
public final class AnalysisRunner {

    static final Duration ERROR_RETRY_INTERVAL = Duration.ofSeconds(10);
    static final String ABORTED = "Verification aborted by user";
    /** How long a stopped run waits for interrupted measurements to end (a Job is deleted on its way out). */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** The longest wait for measurements in flight before the abort and the clock are looked at again. */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

    private final MeasurementProviders providers;
    private final ConditionEvaluator conditions;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Supplier<ExecutorService> executors;

    public AnalysisRunner(MeasurementProviders providers, ConditionEvaluator conditions, Clock clock,
                          Sleeper sleeper) {
        this(providers, conditions, clock, sleeper, () -> Executors.newCachedThreadPool(new MeasurementThreads()));
    }

    /** @param executors makes, for each run, the executor its measurements run in (tests watch it end) */
    AnalysisRunner(MeasurementProviders providers, ConditionEvaluator conditions, Clock clock, Sleeper sleeper,
                   Supplier<ExecutorService> executors) {
        this.providers = providers;
        this.conditions = conditions;
        this.clock = clock;
        this.sleeper = sleeper;
        this.executors = executors;
    }

    /**
     * @param aborted asked before measurements are started, after every wait, and by providers that wait long;
     *                true stops the analysis. It is called from several threads.
     * @throws InterruptedException the thread was interrupted (the analysis is abandoned, not recorded; the
     *                              measurements in flight are interrupted)
     */
    public AnalysisResult run(AnalysisRequest request, BooleanSupplier aborted) throws InterruptedException {
        Instant start = clock.instant();
        List<MetricRun> metrics = new ArrayList<>();
        Map<String, String> args;
        AnalysisArgs.Merged merged;
        try {
            merged = AnalysisArgs.merge(request.templates(), request.args(), request.verification(), request.sources());
            args = merged.values();
            Set<String> names = new HashSet<>();
            for (AnalysisTemplate template : request.templates()) {
                for (Metric metric : template.metrics()) {
                    metrics.add(prepare(template, metric, names, args, start));
                }
            }
        } catch (MeasurementException e) {
            return new AnalysisResult(AnalysisPhase.ERROR, e.getMessage(), List.of(), start, clock.instant());
        }
        ExecutorService executor = executors.get();
        try {
            String stoppedBy = schedule(metrics, new ExecutorCompletionService<>(executor), request, merged, aborted);
            return finish(metrics, stoppedBy, start);
        } finally {
            stop(executor, request.log());
        }
    }

    /**
     * Starts each metric's measurements when due until every metric has ended, one has ended other than
     * Successful, or the analysis is aborted.
     *
     * @return why the analysis stopped early; null when every metric ended
     */
    private String schedule(List<MetricRun> metrics, CompletionService<Taken> measuring, AnalysisRequest request,
                            AnalysisArgs.Merged args, BooleanSupplier aborted) throws InterruptedException {
        int inFlight = 0;
        Future<Taken> seen = null; // a measurement the last wait saw end
        while (true) {
            // every measurement that has ended is recorded before anything starts or time moves on, so that what
            // is recorded does not depend on how fast the measurement threads ran
            String stoppedBy = null;
            for (Future<Taken> ended = seen != null ? seen : measuring.poll(); ended != null; ended = measuring.poll()) {
                inFlight--;
                String why = recordEnded(ended, request);
                stoppedBy = stoppedBy != null ? stoppedBy : why;
            }
            seen = null;
            if (stoppedBy != null) {
                return stoppedBy;
            }
            if (aborted.getAsBoolean()) {
                return ABORTED;
            }
            Instant now = clock.instant();
            for (MetricRun metric : metrics) {
                if (metric.waiting() && !metric.due.isAfter(now)) {
                    metric.measuring = true;
                    inFlight++;
                    measuring.submit(() -> new Taken(metric, measure(metric, request, args, aborted)));
                }
            }
            Optional<Instant> next = metrics.stream().filter(MetricRun::waiting).map(m -> m.due)
                    .min(Comparator.naturalOrder());
            if (inFlight > 0) {
                Duration wait = next.map(due -> Duration.between(now, due)).filter(d -> d.compareTo(LOOK_AGAIN) < 0)
                        .orElse(LOOK_AGAIN);
                seen = measuring.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
            } else if (next.isPresent()) {
                // in slices, so that an abort is noticed within a second however long the interval
                Duration wait = Duration.between(now, next.get());
                sleeper.sleep(wait.compareTo(LOOK_AGAIN) < 0 ? wait : LOOK_AGAIN);
            } else {
                return null;
            }
        }
    }

    /** @return why the analysis stops, when this measurement ended its metric other than Successful */
    private static String recordEnded(Future<Taken> ended, AnalysisRequest request) throws InterruptedException {
        Taken taken;
        try {
            taken = ended.get();
        } catch (ExecutionException e) {
            // a provider's bug (an unchecked exception) is the caller's, as a measurement's thread cannot report it
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a measurement thread was interrupted while its analysis ran",
                    e.getCause());
        }
        MetricRun metric = taken.metric();
        Measurement measurement = taken.measurement();
        metric.measuring = false;
        metric.record(measurement);
        request.log().info("analysis metric " + metric.metric.name() + ": measurement " + measurement.phase()
                + (measurement.message().isEmpty() ? "" : " (" + measurement.message() + ")"));
        // a dry-run metric's failure does not stop the analysis (Argo's IsTerminating skips it)
        return metric.phase == null || metric.phase == AnalysisPhase.SUCCESSFUL || metric.metric.dryRun() ? null
                : "stopped as metric \"" + metric.metric.name() + "\" assessed " + metric.phase;
    }

    /**
     * Interrupts the measurements still in flight and waits for their threads to end, so that nothing measures
     * (or holds a Job) for an analysis that is over.
     */
    private static void stop(ExecutorService executor, EventSink log) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("analysis: a measurement did not stop within " + STOP_GRACE.toSeconds()
                        + " s of being interrupted; it is left to end on its own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // abandoned twice over: the caller wants out now
        }
    }

    /** Checks what Argo Rollouts validates before it runs anything, and renders the conditions' arguments. */
    private MetricRun prepare(AnalysisTemplate template, Metric metric, Set<String> names, Map<String, String> args,
                              Instant start) throws MeasurementException {
        String where = "metric '" + metric.name() + "' of analysis template '" + template.name() + "'";
        if (!names.add(metric.name())) {
            throw new MeasurementException("two metrics are named '" + metric.name() + "'; rename one in "
                    + "analysis template '" + template.name() + "'");
        }
        if (metric.count() > 1 && metric.interval().isEmpty()) {
            throw new MeasurementException(where + " has count " + metric.count()
                    + " but no interval; set an interval between its measurements");
        }
        if (providers.forKind(metric.provider()).isEmpty()) {
            throw new MeasurementException(where + " uses a " + kindName(metric.provider())
                    + " provider, which is not available here");
        }
        return new MetricRun(metric, AnalysisArgs.render(metric.successCondition(), args),
                AnalysisArgs.render(metric.failureCondition(), args), start.plus(metric.initialDelay()));
    }

    /** Takes one measurement of {@code metric}, in a measurement thread. */
    private Measurement measure(MetricRun metric, AnalysisRequest request, AnalysisArgs.Merged args,
                                BooleanSupplier aborted) throws InterruptedException {
        MetricProvider provider = metric.metric.provider();
        MeasurementContext context = new MeasurementContext(request.verification(), metric.metric.name(), args.values(),
                request.log(), clock, aborted);
        Instant startedAt = clock.instant();
        try {
            Object value = measureWith(providers.forKind(provider).orElseThrow(), provider, context);
            if (value instanceof AssessedResult assessed) {
                return new Measurement(startedAt, clock.instant(), assessed.assessedPhase(), assessed.value(),
                        args.redact(assessed.assessedMessage()));
            }
            ConditionEvaluator.Assessment assessment = conditions.assess(value, metric.successCondition,
                    metric.failureCondition);
            return new Measurement(startedAt, clock.instant(), assessment.phase(), value,
                    args.redact(assessment.message()));
        } catch (MeasurementException e) {
            return new Measurement(startedAt, clock.instant(), AnalysisPhase.ERROR, null, args.redact(e.getMessage()));
        }
    }

    private static <P extends MetricProvider> Object measureWith(MeasurementProvider<P> measuring, P provider,
                                                                 MeasurementContext context)
            throws MeasurementException, InterruptedException {
        return measuring.measure(provider, context);
    }

    private AnalysisResult finish(List<MetricRun> metrics, String stoppedBy, Instant start) {
        List<MetricResult> results = new ArrayList<>();
        AnalysisPhase worst = AnalysisPhase.SUCCESSFUL;
        String message = "";
        for (MetricRun metric : metrics) {
            AnalysisPhase phase = metric.phase == null ? AnalysisPhase.SUCCESSFUL : metric.phase;
            String why = metric.phase == null ? stoppedBy : metric.message;
            results.add(new MetricResult(metric.metric.name(), phase, why, metric.measurements,
                    metric.metric.dryRun()));
            if (!metric.metric.dryRun() && phase.compareTo(worst) > 0) {
                worst = phase;
                message = why;
            }
        }
        if (ABORTED.equals(stoppedBy)) {
            return new AnalysisResult(AnalysisPhase.FAILED, ABORTED, results, start, clock.instant());
        }
        return new AnalysisResult(worst, message, results, start, clock.instant());
    }

    private static String kindName(MetricProvider provider) {
        return provider instanceof MetricProvider.Plugin plugin ? "plugin " + plugin.name()
                : provider.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** A measurement that ended, for its metric. */
    private record Taken(MetricRun metric, Measurement measurement) {
    }

    /** Daemon threads named for what they do, so that a thread dump says it. */
    private static final class MeasurementThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "kargo-analysis-measurement-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * A metric under way: its measurements so far, when it is next due, whether a measurement is in flight, and its
     * phase once it has one. Only the scheduling thread touches it.
     */
    private static final class MetricRun {
        final Metric metric;
        final String successCondition;
        final String failureCondition;
        final List<Measurement> measurements = new ArrayList<>();
        Instant due;
        boolean measuring;
        long taken;
        long failed;
        long inconclusive;
        long consecutiveErrors;
        long consecutiveSuccesses;
        AnalysisPhase phase;
        String message = "";

        MetricRun(Metric metric, String successCondition, String failureCondition, Instant due) {
            this.metric = metric;
            this.successCondition = successCondition;
            this.failureCondition = failureCondition;
            this.due = due;
        }

        /** Not ended and no measurement in flight: its next one starts when due. */
        boolean waiting() {
            return phase == null && !measuring;
        }

        /**
         * Argo Rollouts' counters ({@code runMeasurements}) and {@code assessMetricStatus} after each measurement:
         * failures over {@code failureLimit} (unless it is -1), then inconclusive ones over
         * {@code inconclusiveLimit}, then consecutive errors over {@code consecutiveErrorLimit} end the metric (the
         * last that holds wins, as upstream); else {@code consecutiveSuccessLimit} successes in a row end it
         * Successful; else at {@code count}, a metric with a consecutiveSuccessLimit it did not reach ends Failed,
         * or Inconclusive when its failureLimit also applies. Only the latest {@code measurementRetention}
         * measurements are kept; the counters count all.
         */
        void record(Measurement measurement) {
            measurements.add(measurement);
            if (measurements.size() > metric.measurementRetention()) {
                measurements.remove(0);
            }
            switch (measurement.phase()) {
                case SUCCESSFUL -> {
                    taken++;
                    consecutiveErrors = 0;
                    consecutiveSuccesses++;
                }
                case FAILED -> {
                    taken++;
                    failed++;
                    consecutiveErrors = 0;
                    consecutiveSuccesses = 0;
                }
                case INCONCLUSIVE -> {
                    taken++;
                    inconclusive++;
                    consecutiveErrors = 0;
                    consecutiveSuccesses = 0;
                }
                default -> {
                    consecutiveErrors++;
                    consecutiveSuccesses = 0;
                }
            }
            String assessed = "Metric \"" + metric.name() + "\" assessed ";
            String tail = measurement.message().isEmpty() ? "" : ": " + measurement.message();
            if (metric.failureLimit() >= 0 && failed > metric.failureLimit()) {
                end(AnalysisPhase.FAILED, assessed + "Failed due to failed (" + failed + ") > failureLimit ("
                        + metric.failureLimit() + ")" + tail);
            }
            if (inconclusive > metric.inconclusiveLimit()) {
                end(AnalysisPhase.INCONCLUSIVE, assessed + "Inconclusive due to inconclusive (" + inconclusive
                        + ") > inconclusiveLimit (" + metric.inconclusiveLimit() + ")" + tail);
            }
            if (consecutiveErrors > metric.consecutiveErrorLimit()) {
                end(AnalysisPhase.ERROR, assessed + "Error due to consecutiveErrors (" + consecutiveErrors
                        + ") > consecutiveErrorLimit (" + metric.consecutiveErrorLimit() + ")" + tail);
            }
            if (phase != null) {
                return;
            }
            int successLimit = metric.consecutiveSuccessLimit();
            if (successLimit > 0 && consecutiveSuccesses >= successLimit) {
                end(AnalysisPhase.SUCCESSFUL, assessed + "Successful after " + consecutiveSuccesses
                        + " successful measurements in a row (consecutiveSuccessLimit " + successLimit + ")");
            } else if (effectiveCount().map(count -> taken >= count).orElse(false)) {
                if (successLimit > 0 && metric.failureLimit() >= 0) {
                    end(AnalysisPhase.INCONCLUSIVE, assessed + "Inconclusive: consecutiveSuccessLimit (" + successLimit
                            + ") not reached and failureLimit (" + metric.failureLimit() + ") not violated after "
                            + taken + " measurement(s)");
                } else if (successLimit > 0) {
                    end(AnalysisPhase.FAILED, assessed + "Failed: consecutiveSuccessLimit (" + successLimit
                            + ") not reached after " + taken + " measurement(s)");
                } else {
                    end(AnalysisPhase.SUCCESSFUL, assessed + "Successful after " + taken + " measurement(s)");
                }
            } else {
                Duration wait = measurement.phase() == AnalysisPhase.ERROR
                        ? metric.interval().orElse(ERROR_RETRY_INTERVAL) : metric.interval().orElseThrow();
                due = measurement.finishedAt().plus(wait);
            }
        }

        /** {@code count}, else 1 without an interval, else none (measure until stopped). */
        private Optional<Integer> effectiveCount() {
            if (metric.count() > 0) {
                return Optional.of(metric.count());
            }
            return metric.interval().isEmpty() ? Optional.of(1) : Optional.empty();
        }

        private void end(AnalysisPhase ended, String why) {
            phase = ended;
            message = why;
        }
    }
}
