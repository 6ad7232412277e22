package io.jenkins.plugins.kargo.verification.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.verification.AnalysisArgs;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.MeasurementProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Argo Rollouts' {@code prometheus} metric: an instant query ({@code GET <address>/api/v1/query}) evaluated at the
 * context clock's instant, as Argo Rollouts passes its own {@code time.Now()} (a fixed clock makes it deterministic).
 *
 * <p>The result has Argo Rollouts' shape: a {@code scalar} is a {@link Double}; a {@code vector} is a
 * {@code List<Double>} of its samples' values (empty when nothing matched). {@code NaN} and {@code ±Inf} are read as
 * the matching doubles. {@code status: error} is a measurement error carrying Prometheus' {@code errorType} and
 * {@code error}; range vectors and strings are refused.
 */
public final class PrometheusMeasurement implements MeasurementProvider<MetricProvider.Prometheus> {

    /** Bounds one query, so that an unresponsive Prometheus becomes a measurement error rather than a hang. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Object measure(MetricProvider.Prometheus prometheus, MeasurementContext context)
            throws MeasurementException, InterruptedException {
        String address = AnalysisArgs.render(prometheus.address(), context.args()).trim();
        String query = AnalysisArgs.render(prometheus.query(), context.args());
        String describe = "prometheus metric at " + address.replaceFirst("//[^/@]*@", "//"); // no user info: it may hold a password
        Instant time = context.clock().instant();
        URI uri;
        try {
            uri = URI.create(address.replaceAll("/+$", "") + "/api/v1/query?query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time="
                    + time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000));
        } catch (IllegalArgumentException e) {
            throw new MeasurementException("prometheus metric address '" + address + "' is not a valid URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new MeasurementException("prometheus metric address must be an http(s) URL with a host, not '"
                    + address + "'");
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MeasurementException(describe + ": the query could not be sent (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            reply = null;
        }
        if (reply == null || !reply.path("status").isTextual()) {
            throw new MeasurementException(describe + ": HTTP " + response.statusCode()
                    + " without a Prometheus API reply; is the address the Prometheus server?");
        }
        if (!"success".equals(reply.path("status").asText())) {
            throw new MeasurementException(describe + ": query failed: " + reply.path("errorType").asText("unknown")
                    + ": " + reply.path("error").asText(""));
        }
        return value(reply.path("data"), describe);
    }

    private static Object value(JsonNode data, String describe) throws MeasurementException {
        String type = data.path("resultType").asText();
        switch (type) {
            case "scalar":
                return sample(data.path("result"), describe);
            case "vector":
                List<Double> values = new ArrayList<>();
                for (JsonNode series : data.path("result")) {
                    values.add(sample(series.path("value"), describe));
                }
                return List.copyOf(values);
            default:
                throw new MeasurementException(describe + ": the query gives a '" + type + "' result; write one that"
                        + " gives a scalar or an instant vector");
        }
    }

    /** A {@code [time, "value"]} pair; Prometheus writes the value as Go formats a float64. */
    private static Double sample(JsonNode pair, String describe) throws MeasurementException {
        String text = pair.path(1).asText("");
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.valueOf(text);
                } catch (NumberFormatException e) {
                    throw new MeasurementException(describe + ": the sample value '" + text + "' is not a number");
                }
        }
    }
}
