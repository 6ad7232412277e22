package io.jenkins.plugins.kargo.verification.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.credentials.HttpAuthorization;
import io.jenkins.plugins.kargo.net.CredentialScheme;
import io.jenkins.plugins.kargo.net.InsecureTls;
import io.jenkins.plugins.kargo.net.OutboundPolicy;
import io.jenkins.plugins.kargo.net.Redirects;
import io.jenkins.plugins.kargo.verification.AnalysisArgs;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.MeasurementProvider;
import io.jenkins.plugins.kargo.verification.http.OAuth2Tokens;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Argo Rollouts' {@code web} metric ({@code metricproviders/webmetric}): one HTTP request, {@code {{ args.NAME }}}
 * rendered in the url, the header values, the body and the OAuth 2 credentials.
 *
 * <p>As in Argo Rollouts, a non-2xx status is an Error measurement, and the result is the JSON body, or the value
 * {@code jsonPath} selects in it (Kubernetes' {@code {$.data.ok}}; default {@code {$}}, the whole body; the first
 * value when the path selects several); a body that is not JSON is the result as text. {@code jsonBody} is sent as
 * {@code application/json}; {@code authentication.oauth2} fetches a client-credentials token.
 *
 * <p>The seed's form ({@link MetricProvider.Web#responseObject()}, a condition written inside {@code provider.web})
 * keeps its meaning: without {@code jsonPath} the result is the response, {@code statusCode} (int), {@code body} (the
 * parsed JSON when the response says it is JSON, else the text) and {@code headers} (lower-case name to value), and
 * every status code is a result for the condition to judge.
 *
 * <p>Header values usually carry tokens: they never appear in a message, and a request that carries credentials goes
 * over plain HTTP to loopback only ({@link CredentialScheme}). Messages name the request by method,
 * scheme, host and path only (a query string may carry a token too).
 */
public final class WebMeasurement implements MeasurementProvider<MetricProvider.Web> {

    /** Argo Rollouts' default when {@code timeoutSeconds} is not set. */
    static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider(JSON)).mappingProvider(new JacksonMappingProvider(JSON)).build();

    private final OutboundPolicy outbound;
    /** Made on first use: their TLS contexts cost every command that measures nothing (say `kargo get`). */
    private HttpClient verifying;
    private HttpClient lenient;
    private final OAuth2Tokens tokens;
    private final CredentialsProvider credentials;

    public WebMeasurement() {
        this(OutboundPolicy.DEFAULT, CredentialsProvider.NONE);
    }

    /**
     * @param outbound    the addresses the request and its redirects may reach, and how many redirects are followed
     * @param credentials where a request the metric does not authorize itself finds {@code generic} credentials for
     *                    its URL (Jenkins credentials, the CLI's credentials file)
     */
    public WebMeasurement(OutboundPolicy outbound, CredentialsProvider credentials) {
        this(outbound, new OAuth2Tokens(java.time.Clock.systemUTC()), credentials);
    }

    WebMeasurement(OutboundPolicy outbound, OAuth2Tokens tokens, CredentialsProvider credentials) {
        this.outbound = outbound;
        this.tokens = tokens;
        this.credentials = credentials;
    }

    /** Redirects are followed by {@link Redirects}, by our rules: never by the client. */
    private synchronized HttpClient client(boolean insecure) {
        if (insecure && lenient == null) {
            lenient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(InsecureTls.trustingEveryCertificate()).build();
        } else if (!insecure && verifying == null) {
            verifying = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return insecure ? lenient : verifying;
    }

    @Override
    public Object measure(MetricProvider.Web web, MeasurementContext context)
            throws MeasurementException, InterruptedException {
        URI uri = uri(AnalysisArgs.render(web.url(), context.args()));
        String method = web.method() == null || web.method().isBlank() ? "GET"
                : web.method().trim().toUpperCase(Locale.ROOT);
        String describe = "web metric " + method + " " + uri.getScheme() + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        Duration timeout = Duration.ofSeconds(web.timeoutSeconds() > 0 ? web.timeoutSeconds()
                : DEFAULT_TIMEOUT_SECONDS);
        String body = AnalysisArgs.render(web.body(), context.args());

        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method,
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (MetricProvider.Header header : web.headers()) {
            try {
                request.header(header.key(), AnalysisArgs.render(header.value(), context.args()));
            } catch (IllegalArgumentException e) {
                // the JDK's message may quote the value: name the header only
                throw new MeasurementException(describe + ": header '" + header.key()
                        + "' is not a valid HTTP header name or value");
            }
        }
        if (web.jsonBody()) {
            request.header("Content-Type", "application/json");
        }
        HttpClient client = client(web.insecure());
        if (web.oauth2().isPresent()) {
            MetricProvider.OAuth2 oauth2 = web.oauth2().get();
            URI tokenUrl = uri(AnalysisArgs.render(oauth2.tokenUrl(), context.args()));
            refuseCredentialsOverPlainHttp("web metric's oauth2 tokenUrl", tokenUrl);
            refuseCredentialsOverPlainHttp(describe, uri);
            request.header("Authorization", tokens.authorization(new MetricProvider.OAuth2(tokenUrl.toString(),
                    AnalysisArgs.render(oauth2.clientId(), context.args()),
                    AnalysisArgs.render(oauth2.clientSecret(), context.args()), oauth2.scopes()), client, timeout));
        }
        HttpRequest built = request.build();
        if (built.headers().firstValue("Authorization").isEmpty()) {
            // the URL without its query as the port matches repositories; the metric's own header wins
            Optional<String> authorization = HttpAuthorization.of(credentials, uri.getScheme() + "://"
                    + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()));
            if (authorization.isPresent()) {
                built = HttpRequest.newBuilder(built, (name, value) -> true)
                        .header("Authorization", authorization.get()).build();
            }
        }
        if (CredentialScheme.carriesCredentials(uri, built.headers().map().keySet())) {
            refuseCredentialsOverPlainHttp(describe, uri);
        }
        Redirects.Exchange<String> exchange = send(client, built, timeout, describe);
        if (exchange.redirects() > 0) {
            context.log().info(describe + ": answered " + exchange.response().statusCode() + " from "
                    + Redirects.shown(exchange.finalUri()) + " after " + exchange.redirects() + " redirect"
                    + (exchange.redirects() == 1 ? "" : "s"));
        }
        HttpResponse<String> response = exchange.response();
        if (web.responseObject() && web.jsonPath().isBlank()) {
            return responseResult(response);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new MeasurementException(describe + ": received non 2xx response code " + response.statusCode());
        }
        return valueAt(web.jsonPath().isBlank() ? "{$}" : web.jsonPath(), response, describe);
    }

    private static void refuseCredentialsOverPlainHttp(String what, URI uri) throws MeasurementException {
        Optional<String> refused = CredentialScheme.refusal(what, uri);
        if (refused.isPresent()) {
            throw new MeasurementException(refused.get());
        }
    }

    private static URI uri(String url) throws MeasurementException {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new MeasurementException("web metric url must be an absolute http(s) URL with a host, not '"
                        + withoutSecrets(url) + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new MeasurementException("web metric url '" + withoutSecrets(url) + "' is not a valid URL: "
                    + e.getReason());
        }
    }

    /** The url for a message: user info and query string may hold credentials. */
    private static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        String shown = query < 0 ? url : url.substring(0, query) + "?…";
        return shown.replaceFirst("//[^/@]*@", "//…@");
    }

    private Redirects.Exchange<String> send(HttpClient client, HttpRequest request, Duration timeout,
                                            String describe) throws MeasurementException, InterruptedException {
        // the request timeout covers the headers only; bound the whole exchange, body included
        CompletableFuture<Redirects.Exchange<String>> exchange =
                Redirects.send(client, request, HttpResponse.BodyHandlers.ofString(), outbound, describe);
        try {
            return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new MeasurementException(describe + ": no complete response within " + timeout.toSeconds()
                    + "s (timeoutSeconds)");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Redirects.RefusedException refused) {
                throw new MeasurementException(refused.getMessage());
            }
            String why = cause instanceof java.net.http.HttpTimeoutException
                    ? "no response within " + timeout.toSeconds() + "s (timeoutSeconds)"
                    : cause instanceof java.net.ConnectException ? "connection refused or unreachable"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            throw new MeasurementException(describe + ": " + why, cause);
        }
    }

    private static Map<String, Object> responseResult(HttpResponse<String> response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("statusCode", response.statusCode());
        result.put("body", isJson(response) ? parsedOrText(response.body()) : response.body());
        result.put("headers", headers);
        return result;
    }

    private static boolean isJson(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String media = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static Object parsedOrText(String body) {
        try {
            return JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            return body; // says JSON but is not: the condition still sees what came back
        }
    }

    /** Argo Rollouts' {@code parseResponse}: the body as text when it is not JSON, else the first value at the path. */
    private static Object valueAt(String jsonPath, HttpResponse<String> response, String describe)
            throws MeasurementException {
        if (MetricProvider.Web.hasRegexFilter(jsonPath)) {
            throw new MeasurementException(describe + ": jsonPath '" + jsonPath + "' has a regular-expression filter"
                    + " (=~), which Kubernetes JSONPath (Argo Rollouts' jsonPath) does not have; match in the"
                    + " successCondition instead");
        }
        Object document;
        try {
            document = JSON.readValue(response.body(), Object.class);
        } catch (JsonProcessingException e) {
            return response.body();
        }
        String path = jsonPath.trim();
        if (path.startsWith("{") && path.endsWith("}")) {
            path = path.substring(1, path.length() - 1).trim(); // Kubernetes JSONPath's template braces
        }
        if (path.startsWith(".") || path.startsWith("[")) {
            path = "$" + path; // Kubernetes JSONPath lets the root go unwritten
        }
        try {
            JsonPath compiled = JsonPath.compile(path);
            Object value = JsonPath.using(JSON_PATH).parse(document).read(compiled);
            if (!compiled.isDefinite()) {
                List<?> values = (List<?>) value;
                if (values.isEmpty()) {
                    throw new MeasurementException(describe + ": jsonPath '" + jsonPath + "' produced no value");
                }
                return values.get(0);
            }
            return value;
        } catch (InvalidPathException e) { // PathNotFoundException included
            throw new MeasurementException(describe + ": jsonPath '" + jsonPath + "' produced no value: "
                    + e.getMessage());
        }
    }
}
