package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.AnalysisTemplate.Metric;
import io.jenkins.plugins.kargo.api.MetricProvider;
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
import java.util.function.BooleanSupplier;

/**
 * Runs an analysis as the Argo Rollouts controller does ({@code analysis/analysis.go}), in the calling thread:
 * <ul>
 *   <li>each metric is first measured {@code initialDelay} after the start, then {@code interval} after its previous
 *       measurement finished; a measurement that errs is retried after {@code interval}, or 10 s without one;</li>
 *   <li>a metric is Failed when its failed measurements exceed {@code failureLimit}, Inconclusive when its
 *       inconclusive ones exceed {@code inconclusiveLimit}, Error when its consecutive errors exceed
 *       {@code consecutiveErrorLimit} (checked in that order), and Successful once {@code count} measurements
 *       (errors not counted) were taken: 1 without count and interval; with an interval and no count it measures
 *       until the analysis is stopped;</li>
 *   <li>as soon as one metric ends other than Successful, the analysis stops: the metrics still running end
 *       Successful (as upstream, a terminated metric is not a failure) and the analysis takes the worst phase;</li>
 *   <li>an abort stops it likewise, but the analysis is then Failed, "Verification aborted by user", as Kargo
 *       records it.</li>
 * </ul>
 * A provider's {@link AssessedResult} (a Job's outcome) is its own verdict; any other value is judged by the metric's
 * conditions ({@link ConditionEvaluator}). Metrics are measured one at a time in due order, so a slow provider delays the others' next measurements.
 */
public final class AnalysisRunner {

    static final Duration ERROR_RETRY_INTERVAL = Duration.ofSeconds(10);
    static final String ABORTED = "Verification aborted by user";

    private final MeasurementProviders providers;
    private final ConditionEvaluator conditions;
    private final Clock clock;
    private final Sleeper sleeper;

    public AnalysisRunner(MeasurementProviders providers, ConditionEvaluator conditions, Clock clock,
                          Sleeper sleeper) {
        this.providers = providers;
        this.conditions = conditions;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param aborted asked before every measurement and after every wait; true stops the analysis
     * @throws InterruptedException the thread was interrupted (the analysis is abandoned, not recorded)
     */
    public AnalysisResult run(AnalysisRequest request, BooleanSupplier aborted) throws InterruptedException {
        Instant start = clock.instant();
        List<MetricRun> metrics = new ArrayList<>();
        Map<String, String> args;
        try {
            args = AnalysisArgs.merge(request.templates(), request.args());
            Set<String> names = new HashSet<>();
            for (AnalysisTemplate template : request.templates()) {
                for (Metric metric : template.metrics()) {
                    metrics.add(prepare(template, metric, names, args, start));
                }
            }
        } catch (MeasurementException e) {
            return new AnalysisResult(AnalysisPhase.ERROR, e.getMessage(), List.of(), start, clock.instant());
        }
        String stoppedBy = null;
        while (stoppedBy == null) {
            Optional<MetricRun> next = metrics.stream().filter(m -> m.phase == null)
                    .min(Comparator.comparing(m -> m.due));
            if (next.isEmpty()) {
                break;
            }
            if (waitUntil(next.get().due, aborted)) {
                stoppedBy = ABORTED;
                break;
            }
            MetricRun metric = next.get();
            measure(metric, request, args, aborted);
            if (metric.phase != null && metric.phase != AnalysisPhase.SUCCESSFUL) {
                stoppedBy = "stopped as metric \"" + metric.metric.name() + "\" assessed " + metric.phase;
            }
        }
        return finish(metrics, stoppedBy, start);
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

    /** @return whether the analysis was aborted while (or before) waiting */
    private boolean waitUntil(Instant due, BooleanSupplier aborted) throws InterruptedException {
        while (!aborted.getAsBoolean()) {
            Duration left = Duration.between(clock.instant(), due);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            sleeper.sleep(left);
        }
        return true;
    }

    private void measure(MetricRun metric, AnalysisRequest request, Map<String, String> args,
                         BooleanSupplier aborted) throws InterruptedException {
        MetricProvider provider = metric.metric.provider();
        MeasurementContext context = new MeasurementContext(request.verification(), metric.metric.name(), args,
                request.log(), clock, aborted);
        Instant startedAt = clock.instant();
        Measurement measurement;
        try {
            Object value = measureWith(providers.forKind(provider).orElseThrow(), provider, context);
            if (value instanceof AssessedResult assessed) {
                measurement = new Measurement(startedAt, clock.instant(), assessed.assessedPhase(), assessed.value(),
                        assessed.assessedMessage());
            } else {
                ConditionEvaluator.Assessment assessment = conditions.assess(value, metric.successCondition,
                        metric.failureCondition);
                measurement = new Measurement(startedAt, clock.instant(), assessment.phase(), value,
                        assessment.message());
            }
        } catch (MeasurementException e) {
            measurement = new Measurement(startedAt, clock.instant(), AnalysisPhase.ERROR, null, e.getMessage());
        }
        metric.record(measurement);
        request.log().info("analysis metric " + metric.metric.name() + ": measurement " + measurement.phase()
                + (measurement.message().isEmpty() ? "" : " (" + measurement.message() + ")"));
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
            results.add(new MetricResult(metric.metric.name(), phase, why, metric.measurements));
            if (phase.compareTo(worst) > 0) {
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

    /** A metric under way: its measurements so far, when it is next due, and its phase once it has one. */
    private static final class MetricRun {
        final Metric metric;
        final String successCondition;
        final String failureCondition;
        final List<Measurement> measurements = new ArrayList<>();
        Instant due;
        AnalysisPhase phase;
        String message = "";

        MetricRun(Metric metric, String successCondition, String failureCondition, Instant due) {
            this.metric = metric;
            this.successCondition = successCondition;
            this.failureCondition = failureCondition;
            this.due = due;
        }

        /** Argo Rollouts' {@code assessMetricStatus} after each measurement. */
        void record(Measurement measurement) {
            measurements.add(measurement);
            long failed = count(AnalysisPhase.FAILED);
            long inconclusive = count(AnalysisPhase.INCONCLUSIVE);
            long consecutiveErrors = consecutiveErrors();
            long taken = measurements.size() - count(AnalysisPhase.ERROR);
            String assessed = "Metric \"" + metric.name() + "\" assessed ";
            if (failed > metric.failureLimit()) {
                end(AnalysisPhase.FAILED, assessed + "Failed due to failed (" + failed + ") > failureLimit ("
                        + metric.failureLimit() + "): " + measurement.message());
            } else if (inconclusive > metric.inconclusiveLimit()) {
                end(AnalysisPhase.INCONCLUSIVE, assessed + "Inconclusive due to inconclusive (" + inconclusive
                        + ") > inconclusiveLimit (" + metric.inconclusiveLimit() + "): " + measurement.message());
            } else if (consecutiveErrors > metric.consecutiveErrorLimit()) {
                end(AnalysisPhase.ERROR, assessed + "Error due to consecutiveErrors (" + consecutiveErrors
                        + ") > consecutiveErrorLimit (" + metric.consecutiveErrorLimit() + "): "
                        + measurement.message());
            } else if (effectiveCount().map(count -> taken >= count).orElse(false)) {
                end(AnalysisPhase.SUCCESSFUL, assessed + "Successful after " + taken + " measurement(s)");
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

        private long count(AnalysisPhase phase) {
            return measurements.stream().filter(m -> m.phase() == phase).count();
        }

        private long consecutiveErrors() {
            long errors = 0;
            for (int i = measurements.size() - 1; i >= 0 && measurements.get(i).phase() == AnalysisPhase.ERROR; i--) {
                errors++;
            }
            return errors;
        }

        private void end(AnalysisPhase ended, String why) {
            phase = ended;
            message = why;
        }
    }
}
