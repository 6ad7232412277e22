package io.jenkins.plugins.kargo.testkit;

import java.time.Instant;
import java.util.Map;

/**
 * What a canary's Prometheus shows, as OpenMetrics for {@link PrometheusServer}: {@code http_requests_total} and the
 * {@code http_request_duration_seconds} histogram of job {@code user-service}, per {@code pod_template_hash}, for a
 * healthy canary (1 error in 101 requests, p95 375 ms), a failing one (20 in 100, p95 2125 ms) and the stable pods;
 * plus another job whose pods share the healthy canary's hash and fail everything, so a query that ignored the job
 * label would give a different answer. Samples every {@value #STEP} seconds from {@link #START}, at steady rates.
 */
public final class CanaryMetrics {

    /** 2026-01-01T00:00:00Z */
    public static final Instant START = Instant.ofEpochSecond(1_767_225_600L);
    public static final int STEP = 15;

    public static final String HEALTHY = "canary-abc";
    public static final String FAILING = "canary-bad";
    public static final String STABLE = "stable-xyz";

    /** Requests per step: {ok, server error}. */
    public static final Map<String, int[]> REQUESTS = Map.of(HEALTHY, new int[] {100, 1}, FAILING,
            new int[] {80, 20}, STABLE, new int[] {50, 50});
    private static final double[] BOUNDS = {0.1, 0.25, 0.5, 1, 2.5};
    /** Cumulative observations per step for each bound, then +Inf. */
    private static final Map<String, int[]> BUCKETS = Map.of(HEALTHY, new int[] {50, 90, 100, 100, 100, 100},
            FAILING, new int[] {10, 20, 40, 80, 100, 100}, STABLE, new int[] {100, 100, 100, 100, 100, 100});

    private CanaryMetrics() {
    }

    /** The error rate of a hash's pods. */
    public static double errorRate(String hash) {
        int[] perStep = REQUESTS.get(hash);
        return (double) perStep[1] / (perStep[0] + perStep[1]);
    }

    /** {@code samples} samples of every series, {@value #STEP} seconds apart from {@link #START}. */
    public static String openMetrics(int samples) {
        return openMetrics(START, samples);
    }

    /** {@code samples} samples of every series, {@value #STEP} seconds apart from {@code start} (the demo: from now). */
    public static String openMetrics(Instant start, int samples) {
        StringBuilder om = new StringBuilder("# TYPE http_requests counter\n");
        REQUESTS.forEach((hash, perStep) -> {
            series(om, "http_requests_total", "job=\"user-service\",status=\"200\",pod_template_hash=\"" + hash + "\"",
                    perStep[0], start, samples);
            series(om, "http_requests_total", "job=\"user-service\",status=\"500\",pod_template_hash=\"" + hash + "\"",
                    perStep[1], start, samples);
        });
        series(om, "http_requests_total", "job=\"other-service\",status=\"500\",pod_template_hash=\"" + HEALTHY + "\"",
                100, start, samples);
        om.append("# TYPE http_request_duration_seconds histogram\n");
        BUCKETS.forEach((hash, cumulative) -> {
            String labels = "job=\"user-service\",pod_template_hash=\"" + hash + "\"";
            for (int b = 0; b < cumulative.length; b++) {
                String le = b < BOUNDS.length ? String.valueOf(BOUNDS[b]) : "+Inf";
                series(om, "http_request_duration_seconds_bucket", labels + ",le=\"" + le + "\"", cumulative[b], start, samples);
            }
            series(om, "http_request_duration_seconds_count", labels, cumulative[cumulative.length - 1], start, samples);
        });
        return om.append("# EOF\n").toString();
    }

    private static void series(StringBuilder om, String name, String labels, int perStep, Instant start, int samples) {
        for (int i = 0; i < samples; i++) {
            om.append(name).append('{').append(labels).append("} ").append((long) perStep * i).append(' ')
                    .append(start.getEpochSecond() + (long) i * STEP).append('\n');
        }
    }
}
