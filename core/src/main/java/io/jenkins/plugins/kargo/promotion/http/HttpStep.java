package io.jenkins.plugins.kargo.promotion.http;

import static io.jenkins.plugins.kargo.promotion.StepConfig.listOrEmpty;
import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.kargo.api.GoDuration;
import io.jenkins.plugins.kargo.net.CredentialScheme;
import io.jenkins.plugins.kargo.net.InsecureTls;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.expression.CommonFunctions;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionException;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kargo's {@code http} step ({@code pkg/promotion/runner/builtin/http_requester.go}): one HTTP request, judged by
 * expressions over the response.
 * <p>
 * A request that carries credentials (user info in the URL, or a header or query parameter whose name says it holds
 * one) goes over HTTPS, or over plain HTTP to loopback only ({@link CredentialScheme}).
 * <p>
 * Config: {@code url} (required, http or https), {@code method} (GET), {@code headers[]{name, value}},
 * {@code queryParams[]{name, value}} (URL-encoded and appended), {@code body} (a string; an object or list is sent
 * as its JSON) or {@code bodyFromFile} (a file of the promotion's working directory), {@code insecureSkipTLSVerify},
 * {@code proxy} (an {@code http://host:port} proxy), {@code timeout} (Go duration, default {@code 10s}, for the whole
 * exchange), {@code pollInterval} (default {@code 30s}), {@code responseContentType} (overrides the response's),
 * {@code successExpression}, {@code failureExpression}, {@code errorExpression} and
 * {@code outputs[]{name, fromExpression}}. The expressions are written without {@code ${{ }}} and see
 * {@code response.status} (a number), {@code response.headers} (name to list of values, names in any case) and
 * {@code response.body} (parsed JSON or YAML per the content type, text for {@code text/plain}, an empty map when
 * there is none); they are evaluated by the same sandboxed engine as every {@code ${{ }}}.
 * <p>
 * Outcome, as Kargo: a true {@code failureExpression} makes the step Failed (with {@code errorExpression}'s text
 * when it gives one); else a true {@code successExpression} makes it Succeeded with its outputs; without either
 * expression a 2xx status succeeds and any other is Errored (retried within the step's {@code retry} policy).
 * With an expression, a response that meets neither is Running: the runner asks again after {@code pollInterval},
 * until the step's {@code retry.timeout}. Header values never appear in messages, and
 * URLs appear without their query string or user info.
 */
public final class HttpStep implements PromotionStepRunner {

    public static final String NAME = "http";
    static final int MAX_RESPONSE_BYTES = 2 << 20;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ExpressionEngine expressions;
    private final HttpClient verifying;
    private final HttpClient lenient;

    public HttpStep() {
        this(new ExpressionEngine());
    }

    /** @param expressions evaluates the success, failure, error and output expressions */
    public HttpStep(ExpressionEngine expressions) {
        this.expressions = expressions;
        this.verifying = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        this.lenient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .sslContext(InsecureTls.trustingEveryCertificate()).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
        Request request;
        try {
            request = Request.read(config, context.workDir());
        } catch (StepException e) {
            return StepResult.errored(e.getMessage());
        }
        Map<String, Object> response;
        try {
            response = send(request);
        } catch (StepException e) {
            return StepResult.errored(e.getMessage());
        }
        context.log().info("http: " + request.describe() + " answered " + response.get("status"));
        return judge(request, response);
    }

    private Map<String, Object> send(Request request) throws StepException, InterruptedException {
        HttpClient client = request.proxy() != null ? proxied(request) : request.insecure() ? lenient : verifying;
        CompletableFuture<Map<String, Object>> exchange = client
                .sendAsync(request.http(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(http -> response(http, request.responseContentType()));
        try {
            return exchange.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(request);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(request); // the client's own timer won the race against ours: the same verdict
            }
            if (cause instanceof javax.net.ssl.SSLHandshakeException) {
                throw new StepException(request.describe() + ": TLS handshake failed (" + cause.getMessage()
                        + "); if the server's certificate is self-signed or private, set insecureSkipTLSVerify");
            }
            throw new StepException(request.describe() + ": " + (cause instanceof IOException
                    ? "request failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                    : cause.getMessage()));
        }
    }

    /** A client through the request's proxy (made per request: proxies are rare and per step). */
    private static HttpClient proxied(Request request) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(java.net.ProxySelector.of(request.proxy()));
        if (request.insecure()) {
            builder.sslContext(InsecureTls.trustingEveryCertificate());
        }
        return builder.build();
    }

    private static StepException timedOut(Request request) {
        return new StepException(request.describe() + ": no complete response within " + request.timeoutText()
                + "; raise config.timeout if the server is slow");
    }

    /** Kargo's {@code response} object: status, headers and the body read (at most 2 MiB) and parsed. */
    private static Map<String, Object> response(HttpResponse<InputStream> http, String override) {
        byte[] body;
        try (InputStream in = http.body()) {
            body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new UncheckedIOException(new IOException("the response body is larger than "
                    + (MAX_RESPONSE_BYTES >> 20) + " MiB"));
        }
        String contentType = (override.isEmpty() ? http.headers().firstValue("Content-Type").orElse("") : override)
                .split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", http.statusCode());
        // the JDK's header map ignores case, as Go's canonical names let Kargo users write either
        response.put("headers", http.headers().map());
        response.put("body", body(body, contentType));
        return response;
    }

    private static Object body(byte[] body, String contentType) {
        if (body.length == 0) {
            return Map.of();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            return switch (contentType) {
                case "text/plain" -> text;
                case "application/yaml", "application/x-yaml", "text/yaml" -> YAML.readValue(text, Object.class);
                default -> JSON.readValue(text, Object.class);
            };
        } catch (IOException e) {
            // like Kargo: a body that is not what its type claims (or not JSON when unlabelled) is left out
            return Map.of();
        }
    }

    private StepResult judge(Request request, Map<String, Object> response) throws InterruptedException {
        ExpressionScope scope = new ExpressionScope(Map.of("response", response), new CommonFunctions());
        int status = (Integer) response.get("status");
        try {
            boolean failed = !request.failureExpression().isEmpty()
                    && decide(request.failureExpression(), "failureExpression", scope);
            if (failed) {
                String why = errorMessage(request, scope);
                return StepResult.failed("HTTP " + status + " response met the failure criteria"
                        + (why.isEmpty() ? "" : ": " + why));
            }
            boolean succeeded = request.successExpression().isEmpty()
                    ? request.failureExpression().isEmpty() && status >= 200 && status < 300
                    : decide(request.successExpression(), "successExpression", scope);
            if (succeeded) {
                return StepResult.succeeded(outputs(request, scope), "HTTP " + status);
            }
            if (request.successExpression().isEmpty() && request.failureExpression().isEmpty()) {
                return StepResult.errored("HTTP " + status + " response from " + request.describe() + " is not 2xx");
            }
            return StepResult.running("HTTP " + status + " response met neither the success nor the failure"
                    + " criteria yet", request.pollInterval());
        } catch (ExpressionException e) {
            return StepResult.errored(e.getMessage());
        }
    }

    private boolean decide(String expression, String field, ExpressionScope scope) throws InterruptedException {
        Object value;
        try {
            value = expressions.evaluate(expression, scope);
        } catch (ExpressionException e) {
            throw e.in("config." + field);
        }
        if (value instanceof Boolean decision) {
            return decision;
        }
        throw new ExpressionException(expression, "config." + field,
                "gives " + (value == null ? "null" : "a " + value.getClass().getSimpleName()) + ", not true or false");
    }

    /** {@code errorExpression}'s text, or empty when it is unset, fails or gives no string (Kargo's rule). */
    private String errorMessage(Request request, ExpressionScope scope) throws InterruptedException {
        if (request.errorExpression().isEmpty()) {
            return "";
        }
        try {
            return expressions.evaluate(request.errorExpression(), scope) instanceof String text ? text : "";
        } catch (ExpressionException e) {
            return "";
        }
    }

    private Map<String, Object> outputs(Request request, ExpressionScope scope) throws InterruptedException {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (int i = 0; i < request.outputs().size(); i++) {
            Output output = request.outputs().get(i);
            try {
                outputs.put(output.name(), expressions.evaluate(output.fromExpression(), scope));
            } catch (ExpressionException e) {
                throw e.in("config.outputs[" + i + "].fromExpression");
            }
        }
        return outputs;
    }

    /** The step's {@code config} as written, bound by {@link StepConfig}. */
    record Config(String method, String url, List<NameValue> headers, List<NameValue> queryParams, JsonNode body,
                  String bodyFromFile, boolean insecureSkipTLSVerify, String proxy, String timeout, String pollInterval,
                  String responseContentType, String successExpression, String failureExpression,
                  String errorExpression, List<Output> outputs) {
        Config {
            method = present(method) ? method : "GET";
            require(method.matches("[A-Za-z]+"), "method", "is '" + method + "', not an HTTP method",
                    "use GET, POST, PUT, ...");
            require(present(url), "url", "is required", "set it to a non-empty string");
            timeout = present(timeout) ? timeout : "10s";
            require(GoDuration.isGo(timeout) && !GoDuration.parse(timeout).isZero(), "timeout", "is '" + timeout
                    + "', not a positive duration", "write it as Go does, e.g. 30s or 1m30s");
            require(body == null || body.isNull() || body.isContainerNode() || body.isTextual(), "body",
                    "must be a string, not " + (body == null ? "" : body.getNodeType().name().toLowerCase(Locale.ROOT)),
                    "wrap the expression in quote()");
            require(!present(bodyFromFile) || body == null || body.isNull(), "bodyFromFile", "and body are both set",
                    "keep one of them");
            pollInterval = present(pollInterval) ? pollInterval : "30s";
            require(GoDuration.isGo(pollInterval) && !GoDuration.parse(pollInterval).isZero(), "pollInterval", "is '"
                    + pollInterval + "', not a positive duration", "write it as Go does, e.g. 30s or 2m");
            responseContentType = responseContentType == null ? "" : responseContentType;
            require(responseContentType.isEmpty() || List.of("application/json", "application/yaml", "text/plain")
                            .contains(responseContentType), "responseContentType", "is '" + responseContentType + "'",
                    "use application/json, application/yaml or text/plain");
            require(!present(proxy) || proxy.matches("https?://[^/?#]+/?"), "proxy", "is not a proxy URL with a"
                    + " scheme", "write e.g. http://proxy.example.com:3128");
            headers = listOrEmpty(headers);
            queryParams = listOrEmpty(queryParams);
            outputs = listOrEmpty(outputs);
            successExpression = textOrEmpty(successExpression);
            failureExpression = textOrEmpty(failureExpression);
            errorExpression = textOrEmpty(errorExpression);
        }

        private static String textOrEmpty(String text) {
            return text == null ? "" : text;
        }
    }

    /** A header or query parameter. */
    record NameValue(String name, String value) {
        NameValue {
            require(present(name), "name", "is required", "set it to a non-empty string");
            value = value == null ? "" : value;
        }
    }

    record Output(String name, String fromExpression) {
        Output {
            require(present(name), "name", "is required", "set it to a non-empty string");
            require(present(fromExpression), "fromExpression", "is required", "set it to a non-empty string");
        }
    }

    /** The step's configuration, checked. Headers are kept only in the JDK request, never in a message. */
    record Request(HttpRequest http, String describe, boolean insecure, java.net.InetSocketAddress proxy,
                   Duration timeout, String timeoutText, Duration pollInterval, String responseContentType,
                   String successExpression, String failureExpression, String errorExpression, List<Output> outputs) {

        static Request read(JsonNode json, java.nio.file.Path workDir) throws StepException {
            Config config = StepConfig.bind(NAME, json, Config.class);
            String method = config.method().toUpperCase(Locale.ROOT);
            URI uri = uri(config);
            Duration timeout = GoDuration.parse(config.timeout());
            HttpRequest.BodyPublisher body = body(config.body());
            if (present(config.bodyFromFile())) {
                java.nio.file.Path file = io.jenkins.plugins.kargo.promotion.WorkDirPath.resolve(workDir,
                        "config.bodyFromFile", config.bodyFromFile());
                try {
                    body = HttpRequest.BodyPublishers.ofByteArray(java.nio.file.Files.readAllBytes(file));
                } catch (IOException e) {
                    throw StepConfig.error("config.bodyFromFile", "'" + config.bodyFromFile() + "' cannot be read ("
                            + e.getClass().getSimpleName() + ")", "write the file in an earlier step");
                }
            }
            HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
            for (int i = 0; i < config.headers().size(); i++) {
                NameValue header = config.headers().get(i);
                try {
                    http.header(header.name(), header.value());
                } catch (IllegalArgumentException e) {
                    throw StepConfig.error("config.headers[" + i + "].name", "is '" + header.name() + "', a header the"
                            + " JDK HTTP client sets itself or an invalid header name", "remove it");
                }
            }
            String describe = method + " " + uri.getScheme() + "://" + uri.getHost()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
            HttpRequest request = http.build();
            if (CredentialScheme.carriesCredentials(uri, request.headers().map().keySet())) {
                Optional<String> refused = CredentialScheme.refusal(NAME + ": " + describe, uri);
                if (refused.isPresent()) {
                    throw new StepException(refused.get());
                }
            }
            java.net.InetSocketAddress proxy = null;
            if (present(config.proxy())) {
                URI proxyUri = URI.create(config.proxy());
                proxy = java.net.InetSocketAddress.createUnresolved(proxyUri.getHost(), proxyUri.getPort() > 0
                        ? proxyUri.getPort() : proxyUri.getScheme().equals("https") ? 443 : 80);
            }
            return new Request(request, describe, config.insecureSkipTLSVerify(), proxy, timeout, config.timeout(),
                    GoDuration.parse(config.pollInterval()), config.responseContentType(), config.successExpression(),
                    config.failureExpression(), config.errorExpression(), config.outputs());
        }

        private static URI uri(Config config) throws StepException {
            String url = config.url();
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw StepConfig.error("config.url", "is not a valid URL (" + e.getMessage().replace(url, "...") + ")",
                        "encode spaces and special characters");
            }
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw StepConfig.error("config.url", "must be an http:// or https:// URL with a host", "");
            }
            List<String> params = new ArrayList<>();
            for (NameValue param : config.queryParams()) {
                params.add(encode(param.name()) + "=" + encode(param.value()));
            }
            if (params.isEmpty()) {
                return uri;
            }
            String existing = uri.getRawQuery();
            String joined = (existing == null || existing.isEmpty() ? "" : existing + "&") + String.join("&", params);
            String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url.split("#", 2)[0];
            return URI.create(base + "?" + joined + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
        }

        /** The method and the URL without query or user info: the JDK request's own text shows the query. */
        @Override
        public String toString() {
            return describe;
        }

        /** The body: a string as it is; an object or a list (a whole-value expression's result) as its JSON. */
        private static HttpRequest.BodyPublisher body(JsonNode body) {
            if (body == null || body.isNull()) {
                return HttpRequest.BodyPublishers.noBody();
            }
            return HttpRequest.BodyPublishers.ofString(body.isContainerNode() ? body.toString() : body.textValue());
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
