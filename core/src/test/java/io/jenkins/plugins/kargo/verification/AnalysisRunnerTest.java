package io.jenkins.plugins.kargo.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.AnalysisTemplate.Metric;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.api.ResourceKind;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnalysisRunnerTest {

    private static final VerificationRef PROD = new VerificationRef("shop", "prod", "prod.01", Instant.EPOCH);

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Object ERROR = new Object(); // scripted: this measurement fails

    private final FakeClock clock = new FakeClock(T0);
    private final Map<String, Deque<Object>> scripts = new HashMap<>();
    // measurements run in threads of their own: "query@seconds since T0"
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, String>> argsSeen = Collections.synchronizedList(new ArrayList<>());

    /** Answers a prometheus metric (keyed by its query) from its script, taking {@code measureTime} to do so. */
    private Duration measureTime = Duration.ZERO;
    private final MeasurementProvider<MetricProvider.Prometheus> scripted = (provider, context) -> {
        calls.add(provider.query() + "@" + Duration.between(T0, clock.instant()).toSeconds());
        argsSeen.add(context.args());
        clock.advance(measureTime);
        Object next = scripts.get(provider.query()).poll();
        if (next == null) {
            throw new AssertionError("no more scripted values for " + provider.query());
        }
        if (next == ERROR) {
            throw new MeasurementException("prometheus at http://prom: connection refused");
        }
        return next;
    };

    private final AnalysisRunner runner = new AnalysisRunner(
            MeasurementProviders.none().with(MetricProvider.Prometheus.class, scripted),
            new ConditionEvaluator(new ExpressionEngine()), clock, clock.sleeper());

    private void script(String query, Object... values) {
        scripts.put(query, new ArrayDeque<>(List.of(values)));
    }

    private static MetricBuilder metric(String query) {
        return new MetricBuilder(query);
    }

    /** Argo Rollouts' defaults, changed one field at a time. */
    private static final class MetricBuilder {
        final String query;
        Duration interval;
        Duration initialDelay = Duration.ZERO;
        int count;
        int failureLimit;
        int inconclusiveLimit;
        int consecutiveErrorLimit = Metric.DEFAULT_CONSECUTIVE_ERROR_LIMIT;
        String success = "";
        String failure = "";
        int consecutiveSuccessLimit;
        boolean dryRun;
        int retention = Metric.DEFAULT_MEASUREMENT_RETENTION;

        MetricBuilder(String query) {
            this.query = query;
        }

        MetricBuilder interval(int seconds) {
            interval = Duration.ofSeconds(seconds);
            return this;
        }

        MetricBuilder initialDelay(int seconds) {
            initialDelay = Duration.ofSeconds(seconds);
            return this;
        }

        MetricBuilder count(int n) {
            count = n;
            return this;
        }

        MetricBuilder limits(int failures, int inconclusives, int consecutiveErrors) {
            failureLimit = failures;
            inconclusiveLimit = inconclusives;
            consecutiveErrorLimit = consecutiveErrors;
            return this;
        }

        MetricBuilder consecutiveSuccessLimit(int n) {
            consecutiveSuccessLimit = n;
            return this;
        }

        MetricBuilder dryRun() {
            dryRun = true;
            return this;
        }

        MetricBuilder retention(int n) {
            retention = n;
            return this;
        }

        MetricBuilder success(String condition) {
            success = condition;
            return this;
        }

        MetricBuilder failure(String condition) {
            failure = condition;
            return this;
        }

        Metric build() {
            return new Metric(query, Optional.ofNullable(interval), initialDelay, count, failureLimit,
                    inconclusiveLimit, consecutiveErrorLimit, success, failure,
                    new MetricProvider.Prometheus("http://prom", query), consecutiveSuccessLimit, dryRun, retention,
                    SourceLocation.UNKNOWN);
        }
    }

    private static AnalysisTemplate template(String name, List<AnalysisTemplate.Argument> args, MetricBuilder... metrics) {
        return new AnalysisTemplate(ResourceKind.ANALYSIS_TEMPLATE, "shop", name, args,
                java.util.Arrays.stream(metrics).map(MetricBuilder::build).toList(), SourceLocation.UNKNOWN);
    }

    private AnalysisResult run(MetricBuilder... metrics) throws InterruptedException {
        return run(Map.of(), template("canary", List.of(), metrics));
    }

    private AnalysisResult run(Map<String, String> args, AnalysisTemplate... templates) throws InterruptedException {
        return runner.run(new AnalysisRequest(PROD, List.of(templates), args, EventSink.NONE), () -> false);
    }

    private static List<AnalysisPhase> phases(MetricResult metric) {
        return metric.measurements().stream().map(Measurement::phase).toList();
    }

    @Test
    void consecutiveSuccessesEndAMetricBeforeItsCount() throws Exception {
        script("q", 0.1, 0.01, 0.01);
        AnalysisResult result = run(metric("q").interval(10).count(10).limits(1, 0, 4).consecutiveSuccessLimit(2)
                .success("result < 0.05"));
        assertThat(result.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(calls).hasSize(3);
        assertThat(result.metrics().get(0).message()).contains("2 successful measurements in a row");
    }

    @Test
    void aConsecutiveSuccessLimitNotReachedByTheCount() throws Exception {
        // with failureLimit -1 only the successes in a row decide: not reached by the count is a failure
        script("q", 0.01, 0.1, 0.01, 0.1);
        AnalysisResult onlySuccesses = run(metric("q").interval(10).count(4).limits(-1, 0, 4)
                .consecutiveSuccessLimit(2).success("result < 0.05"));
        assertThat(onlySuccesses.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(onlySuccesses.message()).contains("consecutiveSuccessLimit (2) not reached after 4");

        // with a failure limit that was not violated either, Argo Rollouts cannot tell: Inconclusive
        calls.clear();
        script("q", 0.01, 0.1, 0.01, 0.1);
        AnalysisResult both = run(metric("q").interval(10).count(4).limits(2, 0, 4).consecutiveSuccessLimit(2)
                .success("result < 0.05"));
        assertThat(both.phase()).isEqualTo(AnalysisPhase.INCONCLUSIVE);
        assertThat(both.message()).contains("failureLimit (2) not violated");
    }

    @Test
    void aDryRunMetricIsMeasuredAndReportedButDecidesNothing() throws Exception {
        script("loud", 0.5, 0.5);
        script("q", 0.01, 0.01);
        AnalysisResult result = run(metric("loud").interval(10).count(2).dryRun().success("result < 0.05"),
                metric("q").interval(10).count(2).success("result < 0.05"));
        assertThat(result.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        MetricResult loud = result.metrics().get(0);
        assertThat(loud.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(loud.dryRun()).isTrue();
        // its failure did not stop the analysis: the other metric took both its measurements
        assertThat(result.metrics().get(1).measurements()).hasSize(2);
    }

    @Test
    void measurementRetentionKeepsTheLatestButCountsAll() throws Exception {
        script("q", 1, 2, 3, 4, 5);
        AnalysisResult result = run(metric("q").interval(10).count(5).retention(2).success("result > 0"));
        assertThat(result.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(result.metrics().get(0).measurements()).extracting(Measurement::value).containsExactly(4, 5);
        assertThat(result.metrics().get(0).message()).contains("after 5 measurement(s)");
    }

    @Test
    void secretKeyRefArgumentsAreReadAndRedactedFromMessages() throws Exception {
        script("q", 0.5);
        AnalysisTemplate template = new AnalysisTemplate(ResourceKind.ANALYSIS_TEMPLATE, "shop", "canary",
                List.of(new AnalysisTemplate.Argument("token", Optional.empty(),
                        Optional.of(new AnalysisTemplate.SecretKeyRef("prom", "token")))),
                List.of(metric("q").success("'{{ args.token }}' == 'another'").build()), SourceLocation.UNKNOWN);
        List<Object> asked = new java.util.ArrayList<>();
        ArgumentSources sources = (verification, from, known) -> {
            asked.add(from);
            return "hunter2-canary";
        };
        AnalysisResult result = runner.run(new AnalysisRequest(PROD, List.of(template), Map.of(), EventSink.NONE,
                sources), () -> false);
        assertThat(asked).containsExactly(new AnalysisTemplate.SecretKeyRef("prom", "token"));
        assertThat(argsSeen.get(0)).containsEntry("token", "hunter2-canary");
        assertThat(result.toString()).doesNotContain("hunter2-canary");
        assertThat(result.message()).contains("*****");
    }

    @Test
    void oneMeasurementWithoutCountOrInterval() throws Exception {
        script("q", 0.01);
        AnalysisResult result = run(metric("q").success("result < 0.05"));
        assertThat(result.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(calls).containsExactly("q@0");
        Measurement only = result.metrics().get(0).measurements().get(0);
        assertThat(only.value()).isEqualTo(0.01);
        assertThat(only.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(only.startedAt()).isEqualTo(T0);
    }

    @Test
    void countMeasurementsIntervalApartAfterTheInitialDelay() throws Exception {
        measureTime = Duration.ofSeconds(2);
        script("q", 1, 2, 3);
        AnalysisResult result = run(metric("q").initialDelay(30).interval(60).count(3).success("result > 0"));
        assertThat(result.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        // the interval runs from the end of the previous measurement, as upstream
        assertThat(calls).containsExactly("q@30", "q@92", "q@154");
        MetricResult metric = result.metrics().get(0);
        assertThat(metric.measurements()).extracting(Measurement::value).containsExactly(1, 2, 3);
        assertThat(metric.measurements().get(1).startedAt()).isEqualTo(T0.plusSeconds(92));
        assertThat(metric.measurements().get(1).finishedAt()).isEqualTo(T0.plusSeconds(94));
        assertThat(result.finishedAt()).isEqualTo(T0.plusSeconds(156));
    }

    @Test
    void failedOnlyBeyondTheFailureLimit() throws Exception {
        script("q", 0.1, 0.01, 0.2, 0.3);
        AnalysisResult result = run(metric("q").interval(10).count(5).limits(2, 0, 4).success("result < 0.05"));
        MetricResult metric = result.metrics().get(0);
        assertThat(phases(metric)).containsExactly(AnalysisPhase.FAILED, AnalysisPhase.SUCCESSFUL,
                AnalysisPhase.FAILED, AnalysisPhase.FAILED);
        assertThat(metric.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(result.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(result.message()).contains("\"q\" assessed Failed due to failed (3) > failureLimit (2)")
                .contains("successCondition result < 0.05 is false");
    }

    @Test
    void failuresWithinTheLimitStillSucceed() throws Exception {
        script("q", 0.1, 0.01, 0.01);
        AnalysisResult result = run(metric("q").interval(10).count(3).limits(1, 0, 4).success("result < 0.05"));
        assertThat(result.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(result.metrics().get(0).count(AnalysisPhase.FAILED)).isEqualTo(1);
    }

    @Test
    void inconclusiveBeyondTheInconclusiveLimit() throws Exception {
        script("q", 5, 5);
        AnalysisResult result = run(metric("q").interval(10).count(3).limits(0, 1, 4)
                .success("result < 1").failure("result > 9"));
        assertThat(phases(result.metrics().get(0))).containsExactly(AnalysisPhase.INCONCLUSIVE,
                AnalysisPhase.INCONCLUSIVE);
        assertThat(result.phase()).isEqualTo(AnalysisPhase.INCONCLUSIVE);
        assertThat(result.message()).contains("inconclusive (2) > inconclusiveLimit (1)");
    }

    @Test
    void errorsAreRetriedAndEndTheMetricBeyondTheConsecutiveErrorLimit() throws Exception {
        script("q", ERROR, ERROR, ERROR);
        AnalysisResult result = run(metric("q").limits(0, 0, 2).success("result < 1"));
        // no interval: errors are retried every 10 s
        assertThat(calls).containsExactly("q@0", "q@10", "q@20");
        assertThat(result.phase()).isEqualTo(AnalysisPhase.ERROR);
        assertThat(result.message()).contains("consecutiveErrors (3) > consecutiveErrorLimit (2)")
                .contains("connection refused");
        assertThat(result.metrics().get(0).measurements().get(0).value()).isNull();
    }

    @Test
    void errorsDoNotCountAsMeasurementsAndASuccessResetsTheirRun() throws Exception {
        script("q", ERROR, ERROR, 0, ERROR, ERROR, 0);
        AnalysisResult result = run(metric("q").interval(30).count(2).limits(0, 0, 2).success("result == 0"));
        assertThat(result.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(calls).containsExactly("q@0", "q@30", "q@60", "q@90", "q@120", "q@150");
        assertThat(result.metrics().get(0).count(AnalysisPhase.ERROR)).isEqualTo(4);
    }

    @Test
    void aConditionThatCannotBeEvaluatedIsAnError() throws Exception {
        script("q", List.of(1.0, 2.0), List.of(1.0, 2.0));
        AnalysisResult result = run(metric("q").limits(0, 0, 1).success("result < 5"));
        assertThat(phases(result.metrics().get(0))).containsExactly(AnalysisPhase.ERROR, AnalysisPhase.ERROR);
        assertThat(result.phase()).isEqualTo(AnalysisPhase.ERROR);
    }

    @Test
    void theRunIsTheWorstMetricAndStopsTheOthers() throws Exception {
        script("rate", 0.01, 0.01, 0.01);
        script("latency", 0.2, 0.9);
        script("errors", ERROR, ERROR, ERROR, ERROR);
        AnalysisResult result = run(
                metric("rate").interval(60).count(3).success("result < 0.05"),
                metric("latency").initialDelay(30).interval(60).count(3).success("result < 0.5"),
                metric("errors").interval(60).count(3).limits(0, 0, 9));
        // latency fails at 90 s; rate's and errors' third measurements (due at 120 s) are never taken. Measurements
        // due together run concurrently, so their order within an instant is not fixed
        assertThat(calls).containsExactlyInAnyOrder("rate@0", "errors@0", "latency@30", "rate@60", "errors@60",
                "latency@90");
        assertThat(result.metrics()).extracting(MetricResult::name, MetricResult::phase).containsExactly(
                org.assertj.core.groups.Tuple.tuple("rate", AnalysisPhase.SUCCESSFUL),
                org.assertj.core.groups.Tuple.tuple("latency", AnalysisPhase.FAILED),
                org.assertj.core.groups.Tuple.tuple("errors", AnalysisPhase.SUCCESSFUL));
        assertThat(result.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(result.message()).contains("\"latency\" assessed Failed");
        assertThat(result.metrics().get(0).message()).contains("stopped as metric \"latency\" assessed Failed");
    }

    /** A value that carries its own verdict, as a Job's outcome does. */
    private record Verdict(AnalysisPhase assessedPhase, String assessedMessage, Object value)
            implements AssessedResult {
    }

    @Test
    void aProvidersOwnVerdictOverridesTheConditions() throws Exception {
        script("job", new Verdict(AnalysisPhase.FAILED, "job shop/smoke failed: BackoffLimitExceeded",
                Map.of("failed", true)));
        AnalysisResult failed = run(metric("job").success("true"));
        Measurement measurement = failed.metrics().get(0).measurements().get(0);
        assertThat(measurement.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(measurement.value()).isEqualTo(Map.of("failed", true));
        assertThat(failed.message()).contains("BackoffLimitExceeded");

        script("job", new Verdict(AnalysisPhase.SUCCESSFUL, "", Map.of("failed", false)));
        assertThat(run(metric("job").success("false")).phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    }

    @Test
    void phasesAreOrderedBestToWorstAsArgoRollouts() {
        // the run takes the worst (highest) metric phase: Successful < Inconclusive < Error < Failed
        assertThat(AnalysisPhase.values()).containsExactly(AnalysisPhase.SUCCESSFUL, AnalysisPhase.INCONCLUSIVE,
                AnalysisPhase.ERROR, AnalysisPhase.FAILED);
    }

    @Test
    void anIntervalWithoutCountMeasuresUntilAborted() throws Exception {
        script("q", 1, 1, 1, 1, 1);
        AnalysisResult result = runner.run(new AnalysisRequest(PROD,
                List.of(template("canary", List.of(), metric("q").interval(60).success("result == 1"))), Map.of(),
                EventSink.NONE), () -> calls.size() >= 4);
        assertThat(calls).containsExactly("q@0", "q@60", "q@120", "q@180");
        assertThat(result.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(result.message()).isEqualTo("Verification aborted by user");
        assertThat(result.metrics().get(0).measurements()).hasSize(4);
    }

    @Test
    void anAbortBeforeTheFirstMeasurementMeasuresNothing() throws Exception {
        script("q", 1);
        AnalysisResult result = runner.run(new AnalysisRequest(PROD,
                List.of(template("canary", List.of(), metric("q").initialDelay(300))), Map.of(), EventSink.NONE),
                () -> true);
        assertThat(calls).isEmpty();
        assertThat(result.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void argsFromTheStageOverrideDefaultsAndReachConditionsAndProviders() throws Exception {
        script("q", 0.04);
        AnalysisTemplate canary = template("canary", List.of(
                new AnalysisTemplate.Argument("service", Optional.empty(), Optional.empty()),
                new AnalysisTemplate.Argument("threshold", Optional.of("0.01"), Optional.empty())),
                metric("q").success("result < {{ args.threshold }}"));
        AnalysisResult result = run(Map.of("service", "web", "threshold", "0.05", "unused", "x"), canary);
        assertThat(result.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(argsSeen).containsExactly(Map.of("service", "web", "threshold", "0.05"));

        script("q", 0.04);
        AnalysisResult withDefault = run(Map.of("service", "web"), canary);
        assertThat(withDefault.phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(withDefault.metrics().get(0).message()).contains("result < 0.01 is false");
    }

    @Test
    void aMissingArgumentIsAnErrorNamingIt() throws Exception {
        AnalysisTemplate canary = template("canary", List.of(
                new AnalysisTemplate.Argument("service", Optional.empty(), Optional.empty())), metric("q"));
        AnalysisResult result = run(Map.of("other", "x"), canary);
        assertThat(result.phase()).isEqualTo(AnalysisPhase.ERROR);
        assertThat(result.message()).contains("argument 'service' of analysis template 'canary' has no value");
        assertThat(result.metrics()).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void templatesThatDisagreeOnADefaultAreAnError() throws Exception {
        AnalysisTemplate a = template("a", List.of(new AnalysisTemplate.Argument("t", Optional.of("1"),
                Optional.empty())), metric("qa"));
        AnalysisTemplate b = template("b", List.of(new AnalysisTemplate.Argument("t", Optional.of("2"),
                Optional.empty())), metric("qb"));
        assertThat(run(Map.of(), a, b).message()).contains("argument 't' has different values");
        script("qa", 1);
        script("qb", 1);
        assertThat(run(Map.of("t", "3"), a, b).phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(calls).containsExactlyInAnyOrder("qa@0", "qb@0");
    }

    @Test
    void invalidMetricsAreRefusedBeforeMeasuring() throws Exception {
        assertThat(run(metric("q").count(3)).message())
                .contains("metric 'q' of analysis template 'canary' has count 3 but no interval");
        assertThat(run(metric("q"), metric("q")).message()).contains("two metrics are named 'q'");
        AnalysisTemplate web = new AnalysisTemplate(ResourceKind.ANALYSIS_TEMPLATE, "shop", "smoke", List.of(),
                List.of(new Metric("health", Optional.empty(), Duration.ZERO, 0, 0, 0, 4, "", "",
                        new MetricProvider.Web("http://x", "GET", List.of(), "", 0, "", false),
                        SourceLocation.UNKNOWN)), SourceLocation.UNKNOWN);
        AnalysisResult noProvider = run(Map.of(), web);
        assertThat(noProvider.phase()).isEqualTo(AnalysisPhase.ERROR);
        assertThat(noProvider.message()).contains("uses a web provider, which is not available here");
        assertThat(calls).isEmpty();
    }
}
