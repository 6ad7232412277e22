package io.jenkins.plugins.kargo.verification.prometheus;

import static io.jenkins.plugins.kargo.testkit.CanaryMetrics.FAILING;
import static io.jenkins.plugins.kargo.testkit.CanaryMetrics.HEALTHY;
import static io.jenkins.plugins.kargo.testkit.CanaryMetrics.REQUESTS;
import static io.jenkins.plugins.kargo.testkit.CanaryMetrics.STABLE;
import static io.jenkins.plugins.kargo.testkit.CanaryMetrics.errorRate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.verification.AnalysisPhase;
import io.jenkins.plugins.kargo.verification.ConditionEvaluator;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.VerificationRef;
import io.jenkins.plugins.kargo.testkit.CanaryMetrics;
import io.jenkins.plugins.kargo.testkit.PrometheusServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the seed's canary queries against a real Prometheus whose TSDB is built with {@code promtool} from
 * OpenMetrics written here: a healthy canary, a failing canary and the stable pods (plus another job with the
 * canary's hash) so that a query that ignored a label would give a different answer.
 */
class PrometheusMeasurementTest {

    /** Samples for 10 minutes, queried in the middle. */
    private static final int SAMPLES = 41;
    private static final Instant EVALUATED = CanaryMetrics.START.plusSeconds(300);

    @TempDir
    static Path dir;
    private static PrometheusServer prometheus;
    private static String address;

    private final PrometheusMeasurement measurement = new PrometheusMeasurement();

    @BeforeAll
    static void startPrometheus() throws Exception {
        prometheus = PrometheusServer.start(dir, CanaryMetrics.openMetrics(SAMPLES));
        address = prometheus.address();
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static MeasurementContext context(String canaryHash) {
        return new MeasurementContext(new VerificationRef("myapp", "preprod", "v", Instant.EPOCH), "canary", Map.of("service-name", "user-service",
                "canary-pod-hash", canaryHash, "stable-pod-hash", STABLE), EventSink.NONE,
                Clock.fixed(EVALUATED, ZoneOffset.UTC), () -> false);
    }

    @Test
    void anAbortsInterruptWhilePrometheusHoldsTheAnswerStopsTheMeasurement() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer held = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        held.createContext("/api/v1/query", exchange -> {
            arrived.countDown();
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        held.start();
        try {
            CompletableFuture<Object> ended = new CompletableFuture<>();
            Thread measuring = new Thread(() -> {
                try {
                    ended.complete(measurement.measure(new MetricProvider.Prometheus("http://127.0.0.1:"
                            + held.getAddress().getPort(), "up"), context(HEALTHY)));
                } catch (Throwable t) {
                    ended.complete(t);
                }
            }, "measuring");
            measuring.start();
            assertThat(arrived.await(1, TimeUnit.MINUTES)).as("the query reached the server").isTrue();

            measuring.interrupt();

            assertThat(ended.get(1, TimeUnit.MINUTES)).isInstanceOf(InterruptedException.class);
        } finally {
            release.countDown();
            held.stop(0);
        }
    }

    /** The seed's canary-metrics metric named {@code metric}, as written. */
    private static AnalysisTemplate.Metric seedMetric(String metric) throws Exception {
        Path seed = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(seed.resolve("examples/myapp/kargo"))) {
            seed = seed.getParent();
        }
        AnalysisTemplate canary = new ConfigLoader().load(seed.resolve("examples/myapp/kargo"))
                .analysisTemplates("myapp").stream().filter(t -> t.name().equals("canary-metrics")).findFirst()
                .orElseThrow();
        return canary.metrics().stream().filter(m -> m.name().equals(metric)).findFirst().orElseThrow();
    }

    /** The seed's query for {@code metric}, as written, pointed at the test's Prometheus. */
    private static MetricProvider.Prometheus seedQuery(String metric) throws Exception {
        MetricProvider.Prometheus written = (MetricProvider.Prometheus) seedMetric(metric).provider();
        assertThat(written.address()).isEqualTo("http://prometheus.monitoring.svc:9090");
        return new MetricProvider.Prometheus(address, written.query());
    }

    @Test
    void theSeedsErrorRateQueryGivesEachCanarysErrorRate() throws Exception {
        MetricProvider.Prometheus errorRate = seedQuery("error-rate");

        assertThat((List<?>) measurement.measure(errorRate, context(HEALTHY))).singleElement()
                .satisfies(v -> assertThat((Double) v).isCloseTo(errorRate(HEALTHY), within(1e-9)))
                .satisfies(v -> assertThat((Double) v).isLessThan(0.05));
        assertThat((List<?>) measurement.measure(errorRate, context(FAILING))).singleElement()
                .satisfies(v -> assertThat((Double) v).isCloseTo(errorRate(FAILING), within(1e-9)))
                .satisfies(v -> assertThat((Double) v).isGreaterThan(0.05));
    }

    @Test
    void theSeedsLatencyQueryGivesEachCanarysP95InMilliseconds() throws Exception {
        MetricProvider.Prometheus latency = seedQuery("latency-p95");
        // rank 95 of 100: healthy between 0.25s (90 below) and 0.5s (100); failing between 1s (80) and 2.5s (100)
        double healthy = 1000 * (0.25 + (0.5 - 0.25) * (95 - 90) / (100 - 90));
        double failing = 1000 * (1 + (2.5 - 1) * (95 - 80) / (100 - 80));

        assertThat((List<?>) measurement.measure(latency, context(HEALTHY))).singleElement()
                .satisfies(v -> assertThat((Double) v).isCloseTo(healthy, within(1e-6)));
        assertThat((List<?>) measurement.measure(latency, context(FAILING))).singleElement()
                .satisfies(v -> assertThat((Double) v).isCloseTo(failing, within(1e-6)));
    }

    @Test
    void theSeedsConditionsPassTheHealthyCanaryAndFailTheFailingOne() throws Exception {
        ConditionEvaluator conditions = new ConditionEvaluator();
        for (String metric : List.of("error-rate", "latency-p95")) {
            AnalysisTemplate.Metric seed = seedMetric(metric);
            MetricProvider.Prometheus query = seedQuery(metric);

            assertThat(conditions.assess(measurement.measure(query, context(HEALTHY)), seed.successCondition(),
                    seed.failureCondition()).phase()).as(metric).isEqualTo(AnalysisPhase.SUCCESSFUL);
            assertThat(conditions.assess(measurement.measure(query, context(FAILING)), seed.successCondition(),
                    seed.failureCondition()).phase()).as(metric).isEqualTo(AnalysisPhase.FAILED);
        }
    }

    @Test
    void anUnknownCanaryGivesAnEmptyVector() throws Exception {
        assertThat(measurement.measure(seedQuery("error-rate"), context("no-such-hash"))).isEqualTo(List.of());
    }

    @Test
    void aVectorIsTheListOfItsSampleValues() throws Exception {
        MetricProvider.Prometheus errors = new MetricProvider.Prometheus(address + "/",
                "sort(http_requests_total{job=\"{{ args.service-name }}\",status=\"500\"})");
        int steps = (int) ((EVALUATED.getEpochSecond() - CanaryMetrics.START.getEpochSecond()) / CanaryMetrics.STEP);

        assertThat(measurement.measure(errors, context(HEALTHY))).isEqualTo(List.of(
                (double) REQUESTS.get(HEALTHY)[1] * steps, (double) REQUESTS.get(FAILING)[1] * steps,
                (double) REQUESTS.get(STABLE)[1] * steps));
    }

    @Test
    void aScalarIsADoubleWithNaNAndInfinitiesRead() throws Exception {
        assertThat(measurement.measure(new MetricProvider.Prometheus(address, "scalar(vector(0.25))"),
                context(HEALTHY))).isEqualTo(0.25);
        assertThat(measurement.measure(new MetricProvider.Prometheus(address,
                "scalar(http_requests_total{pod_template_hash=\"none\"})"), context(HEALTHY))).isEqualTo(Double.NaN);
        assertThat(measurement.measure(new MetricProvider.Prometheus(address, "1/0"), context(HEALTHY)))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(measurement.measure(new MetricProvider.Prometheus(address, "-1/0"), context(HEALTHY)))
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aQueryPrometheusRejectsIsAnErrorWithItsErrorTypeAndMessage() {
        MetricProvider.Prometheus broken = new MetricProvider.Prometheus(address, "sum(rate(http_requests_total[1m]");

        assertThatThrownBy(() -> measurement.measure(broken, context(HEALTHY)))
                .isInstanceOf(MeasurementException.class).hasMessageContaining(address)
                .hasMessageContaining("bad_data").hasMessageContaining("parse error");
    }

    @Test
    void aRangeVectorIsFlattenedAsArgoRolloutsDoes() throws Exception {
        MetricProvider.Prometheus range = new MetricProvider.Prometheus(address, "http_requests_total{job="
                + "\"user-service\",status=\"500\",pod_template_hash=\"{{ args.canary-pod-hash }}\"}[1m]");

        // one error per step: the samples of the last minute, up to the evaluation time's (the 21st sample: 20)
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) measurement.measure(range, context(HEALTHY));

        assertThat(values).hasSizeBetween(4, 5).endsWith(17.0, 18.0, 19.0, 20.0);
    }

    @Test
    void aRangeQueryGivesEverySeriesSamplesBetweenStartAndEndStepApart() throws Exception {
        MetricProvider.Prometheus range = new MetricProvider.Prometheus(address,
                "http_requests_total{job=\"user-service\",pod_template_hash=\"{{ args.canary-pod-hash }}\"}",
                java.time.Duration.ofSeconds(5), false, List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.of(new MetricProvider.RangeQuery("now() - duration(\"{{ args.lookback }}\")",
                        "now()", java.time.Duration.ofSeconds(30))));
        MeasurementContext context = new MeasurementContext(new VerificationRef("myapp", "preprod", "v",
                Instant.EPOCH), "canary", Map.of("canary-pod-hash", HEALTHY, "lookback", "1m"), EventSink.NONE,
                Clock.fixed(EVALUATED, ZoneOffset.UTC), () -> false);

        // series in label order (status 200, then 500), each at now-60s, now-30s and now
        assertThat(measurement.measure(range, context)).isEqualTo(List.of(1600.0, 1800.0, 2000.0, 16.0, 18.0, 20.0));
    }

    @Test
    void rangeTimesAreNowOrNowMinusADuration() throws Exception {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        assertThat(PrometheusMeasurement.time("now()", now, "start")).isEqualTo(now);
        assertThat(PrometheusMeasurement.time(" now() - duration('1h30m') ", now, "start"))
                .isEqualTo(now.minusSeconds(5400));
        assertThat(PrometheusMeasurement.time("now() + duration(\"10s\")", now, "end")).isEqualTo(now.plusSeconds(10));
        assertThatThrownBy(() -> PrometheusMeasurement.time("yesterday", now, "rangeQuery.start"))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("rangeQuery.start 'yesterday'");
    }

    @Test
    void anAddressThatIsNotPrometheusIsAnError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MetricProvider.Prometheus nowhere = new MetricProvider.Prometheus("http://127.0.0.1:" + closedPort, "1");

        assertThatThrownBy(() -> measurement.measure(nowhere, context(HEALTHY)))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("127.0.0.1:" + closedPort);
    }

    @Test
    void aQueryTheMetricDoesNotAuthorizeTakesTheGenericCredentialsOfTheAddressFromThePort() throws Exception {
        HttpServer secured = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
        secured.createContext("/api/v1/query", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"0.25\"]}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        secured.start();
        try {
            String at = "http://127.0.0.1:" + secured.getAddress().getPort();
            java.util.List<String> asked = new java.util.ArrayList<>();
            PrometheusMeasurement withPort = new PrometheusMeasurement((url, kind) -> {
                asked.add(kind + " " + url);
                return java.util.Optional.of(new io.jenkins.plugins.kargo.credentials.Credentials.UsernamePassword(
                        "grafana", "canary-prom-pw"));
            });

            assertThat(withPort.measure(new MetricProvider.Prometheus(at + "/", "scalar(vector(0.25))"),
                    context(HEALTHY))).isEqualTo(0.25);

            assertThat(asked).containsExactly("generic " + at);
            assertThat(authorizations).containsExactly("Basic " + java.util.Base64.getEncoder().encodeToString(
                    "grafana:canary-prom-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> withPort.measure(new MetricProvider.Prometheus(
                    "http://prometheus.monitoring.example.com:9090", "up"), context(HEALTHY)))
                    .as("never over plain HTTP to another host").isInstanceOf(MeasurementException.class)
                    .hasMessageNotContaining("canary-prom-pw");
        } finally {
            secured.stop(0);
        }
    }
}
