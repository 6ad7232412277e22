package io.jenkins.plugins.kargo.verification.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.GoDuration;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.credentials.HttpAuthorization;
import io.jenkins.plugins.kargo.net.CredentialScheme;
import io.jenkins.plugins.kargo.net.InsecureTls;
import io.jenkins.plugins.kargo.verification.AnalysisArgs;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.MeasurementProvider;
import io.jenkins.plugins.kargo.verification.http.OAuth2Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argo Rollouts' {@code prometheus} metric ({@code metricproviders/prometheus}): an instant query
 * ({@code GET <address>/api/v1/query}) evaluated at the context clock's instant, as Argo Rollouts passes its own
 * {@code time.Now()} (a fixed clock makes it deterministic), or a range query ({@code /api/v1/query_range}) between
 * {@code rangeQuery.start} and {@code .end}, {@code step} apart. {@code timeout} bounds a query (default 30 s),
 * {@code insecure} skips TLS verification, {@code headers} are sent with it, and {@code authentication} is Basic or an
 * OAuth 2 client-credentials token.
 *
 * <p>The result has Argo Rollouts' shape: a {@code scalar} is a {@link Double}; a {@code vector} is a
 * {@code List<Double>} of its samples' values (empty when nothing matched); a {@code matrix} is flattened into one
 * {@code List<Double>}, series after series, each series' samples in time order. {@code NaN} and {@code ±Inf} are
 * read as the matching doubles. {@code status: error} is a measurement error carrying Prometheus' {@code errorType}
 * and {@code error}; a string result is refused, as upstream.
 */
public final class PrometheusMeasurement implements MeasurementProvider<MetricProvider.Prometheus> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What {@code rangeQuery.start} and {@code .end} may say: Argo Rollouts evaluates them as expr-lang over
     * {@code now()} and {@code duration()}; this is the form its documentation uses.
     */
    private static final Pattern TIME = Pattern.compile(
            "\\s*now\\(\\)\\s*(?:([-+])\\s*duration\\(\\s*[\"'`]([^\"'`]+)[\"'`]\\s*\\)\\s*)?");

    private final HttpClient verifying = HttpClient.newHttpClient();
    private final HttpClient lenient = HttpClient.newBuilder().sslContext(InsecureTls.trustingEveryCertificate())
            .build();
    private final OAuth2Tokens tokens;
    private final CredentialsProvider credentials;

    public PrometheusMeasurement() {
        this(CredentialsProvider.NONE);
    }

    /**
     * @param credentials where a query the metric does not authorize itself finds {@code generic} credentials for
     *                    the Prometheus address (Jenkins credentials, the CLI's credentials file)
     */
    public PrometheusMeasurement(CredentialsProvider credentials) {
        this(new OAuth2Tokens(Clock.systemUTC()), credentials);
    }

    /** @param tokens where OAuth 2 tokens are fetched and kept between measurements */
    public PrometheusMeasurement(OAuth2Tokens tokens) {
        this(tokens, CredentialsProvider.NONE);
    }

    PrometheusMeasurement(OAuth2Tokens tokens, CredentialsProvider credentials) {
        this.tokens = tokens;
        this.credentials = credentials;
    }

    @Override
    public Object measure(MetricProvider.Prometheus prometheus, MeasurementContext context)
            throws MeasurementException, InterruptedException {
        String address = AnalysisArgs.render(prometheus.address(), context.args()).trim();
        String query = AnalysisArgs.render(prometheus.query(), context.args());
        String describe = "prometheus metric at " + address.replaceFirst("//[^/@]*@", "//"); // no user info: it may hold a password
        Instant now = context.clock().instant();
        String parameters = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        String endpoint = "/api/v1/query";
        if (prometheus.rangeQuery().isPresent()) {
            MetricProvider.RangeQuery range = prometheus.rangeQuery().get();
            Instant start = time(AnalysisArgs.render(range.start(), context.args()), now, "rangeQuery.start");
            Instant end = time(AnalysisArgs.render(range.end(), context.args()), now, "rangeQuery.end");
            endpoint = "/api/v1/query_range";
            parameters += "&start=" + seconds(start) + "&end=" + seconds(end) + "&step="
                    + range.step().toMillis() / 1000.0;
        } else {
            parameters += "&time=" + seconds(now);
        }
        URI uri;
        try {
            uri = URI.create(address.replaceAll("/+$", "") + endpoint + "?" + parameters);
        } catch (IllegalArgumentException e) {
            throw new MeasurementException("prometheus metric address '" + address + "' is not a valid URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new MeasurementException("prometheus metric address must be an http(s) URL with a host, not '"
                    + address + "'");
        }
        HttpClient client = prometheus.insecure() ? lenient : verifying;
        boolean ownAuthorization = prometheus.basicAuth().isPresent() || prometheus.oauth2().isPresent()
                || prometheus.headers().stream().anyMatch(h -> h.key().equalsIgnoreCase("Authorization"));
        // the metric's own authorization wins; else the port's generic credentials for the address
        Optional<String> fromPort = ownAuthorization ? Optional.empty()
                : HttpAuthorization.of(this.credentials, address.replaceFirst("//[^/@]*@", "//").replaceAll("/+$", ""));
        boolean credentials = ownAuthorization || fromPort.isPresent()
                || CredentialScheme.carriesCredentials(uri, prometheus.headers().stream().map(MetricProvider.Header::key)
                .toList());
        if (credentials) {
            refuseCredentialsOverPlainHttp(describe, uri);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(prometheus.timeout()).GET();
        for (MetricProvider.Header header : prometheus.headers()) {
            try {
                request.header(header.key(), AnalysisArgs.render(header.value(), context.args()));
            } catch (IllegalArgumentException e) {
                throw new MeasurementException(describe + ": header '" + header.key()
                        + "' is not a valid HTTP header name or value");
            }
        }
        fromPort.ifPresent(value -> request.setHeader("Authorization", value));
        if (prometheus.basicAuth().isPresent()) {
            MetricProvider.BasicAuth basic = prometheus.basicAuth().get();
            request.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (AnalysisArgs.render(basic.username(), context.args()) + ":"
                            + AnalysisArgs.render(basic.password(), context.args())).getBytes(StandardCharsets.UTF_8)));
        }
        if (prometheus.oauth2().isPresent()) {
            MetricProvider.OAuth2 oauth2 = prometheus.oauth2().get();
            String tokenUrl = AnalysisArgs.render(oauth2.tokenUrl(), context.args());
            try {
                refuseCredentialsOverPlainHttp("prometheus metric's oauth2 tokenUrl", URI.create(tokenUrl));
            } catch (IllegalArgumentException e) {
                throw new MeasurementException("prometheus metric's oauth2 tokenUrl is not a valid URL");
            }
            request.setHeader("Authorization", tokens.authorization(new MetricProvider.OAuth2(tokenUrl,
                    AnalysisArgs.render(oauth2.clientId(), context.args()),
                    AnalysisArgs.render(oauth2.clientSecret(), context.args()), oauth2.scopes()), client,
                    prometheus.timeout()));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new MeasurementException(describe + ": no answer within " + prometheus.timeout().toSeconds()
                    + "s (timeout)", e);
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

    private static void refuseCredentialsOverPlainHttp(String what, URI uri) throws MeasurementException {
        Optional<String> refused = CredentialScheme.refusal(what, uri);
        if (refused.isPresent()) {
            throw new MeasurementException(refused.get());
        }
    }

    /** {@code now()} or {@code now() - duration("1h")} (or {@code +}), at {@code now}. */
    static Instant time(String expression, Instant now, String field) throws MeasurementException {
        Matcher m = TIME.matcher(expression);
        if (!m.matches() || (m.group(2) != null && !GoDuration.isGo(m.group(2).trim()))) {
            throw new MeasurementException("prometheus " + field + " '" + expression + "' is not a time this product"
                    + " reads; write now() or now() - duration(\"1h\")");
        }
        if (m.group(1) == null) {
            return now;
        }
        Duration offset = GoDuration.parse(m.group(2).trim());
        return m.group(1).equals("-") ? now.minus(offset) : now.plus(offset);
    }

    private static String seconds(Instant time) {
        return time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000);
    }

    private static Object value(JsonNode data, String describe) throws MeasurementException {
        String type = data.path("resultType").asText();
        List<Double> values = new ArrayList<>();
        switch (type) {
            case "scalar":
                return sample(data.path("result"), describe);
            case "vector":
                for (JsonNode series : data.path("result")) {
                    values.add(sample(series.path("value"), describe));
                }
                return List.copyOf(values);
            case "matrix":
                for (JsonNode series : data.path("result")) {
                    for (JsonNode pair : series.path("values")) {
                        values.add(sample(pair, describe));
                    }
                }
                return List.copyOf(values);
            default:
                throw new MeasurementException(describe + ": the query gives a '" + type + "' result, which Argo"
                        + " Rollouts does not support; write one that gives a scalar, a vector or (with rangeQuery)"
                        + " a matrix");
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
