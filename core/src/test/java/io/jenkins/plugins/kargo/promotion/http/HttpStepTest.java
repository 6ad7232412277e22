package io.jenkins.plugins.kargo.promotion.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.PromotionRun;
import io.jenkins.plugins.kargo.promotion.PromotionRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.testkit.CredentialsTrap;
import io.jenkins.plugins.kargo.testkit.SelfSignedTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} step against a real HTTP server (the JDK's) on a free loopback port. */
class HttpStepTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService serverThreads;
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpStep step = new HttpStep();

    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/version", exchange -> {
            record(exchange);
            exchange.getResponseHeaders().add("X-Request-Id", "req-7");
            reply(exchange, 200, "application/json; charset=utf-8", "{\"version\": \"1.4.0\", \"checks\": [0.2, 0.99]}");
        });
        server.createContext("/echo", exchange -> {
            Received r = record(exchange);
            reply(exchange, 201, "text/plain", r.body());
        });
        server.createContext("/yaml", exchange -> {
            record(exchange);
            reply(exchange, 200, "application/yaml", "healthy: true\nreplicas: 3\n");
        });
        server.createContext("/status/", exchange -> {
            record(exchange);
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            reply(exchange, status, "application/json", "{\"error\": \"quota exceeded\", \"state\": \"pending\"}");
        });
        server.createContext("/slow", exchange -> {
            record(exchange);
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "text/plain", "late");
        });
        server.createContext("/huge", exchange -> {
            record(exchange);
            reply(exchange, 200, "text/plain", "x".repeat(HttpStep.MAX_RESPONSE_BYTES + 1));
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        released.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private Received record(HttpExchange exchange) throws IOException {
        Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(r);
        return r;
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private StepContext context() {
        EventSink sink = new EventSink() {
            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add(message);
            }
        };
        Freight freight = new Freight("f00d", "", FreightOrigin.warehouse("web"), Instant.EPOCH,
                List.of(new FreightImage("ghcr.io/acme/web", "1.4.0", "sha256:abc", Map.of(), "")), List.of(),
                List.of(), List.of());
        return new StepContext("shop", "staging", "staging.1", "alice", new FreightCollection(List.of(freight)), dir,
                CredentialsProvider.NONE, sink, Clock.systemUTC());
    }

    private StepResult run(String configYaml) throws Exception {
        return step.run(context(), YAML.readTree(configYaml.replace("BASE", base())));
    }

    @Test
    void aGetWithHeadersAndQueryIsJudgedAndItsOutputsExtracted() throws Exception {
        StepResult result = run("""
                url: BASE/version?fixed=1
                headers:
                - name: Authorization
                  value: Bearer s3cret-token
                queryParams:
                - name: q
                  value: a b&c
                - name: page
                  value: "2"
                successExpression: response.status == 200 && response.body.version == '1.4.0'
                outputs:
                - name: version
                  fromExpression: response.body.version
                - name: best
                  fromExpression: response.body.checks[1] >= 0.95
                - name: requestId
                  fromExpression: response.headers['x-request-id'][0] + '/' + response.headers['X-Request-Id'][0]
                """);

        assertThat(result.status()).isEqualTo(StepStatus.Succeeded);
        assertThat(result.output()).isEqualTo(Map.of("version", "1.4.0", "best", true, "requestId", "req-7/req-7"));
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query()).isEqualTo("fixed=1&q=a%20b%26c&page=2");
        assertThat(request.headers().get("Authorization")).containsExactly("Bearer s3cret-token");
        assertThat(result.message() + log).doesNotContain("s3cret").doesNotContain("fixed=1");
        assertThat(log).containsExactly("http: GET " + base() + "/version answered 200");
        assertThat(HttpStep.Request.read(yaml("url: BASE/version?token=t0k3n\nheaders:\n- name: X-Key\n  value: k3y"), dir)
                .toString()).isEqualTo("GET " + base() + "/version");
    }

    @Test
    void aPostSendsItsBody() throws Exception {
        StepResult result = run("""
                method: post
                url: BASE/echo
                headers:
                - name: Content-Type
                  value: application/json
                body: '{"text": "promoted"}'
                outputs:
                - name: echoed
                  fromExpression: response.body
                """);

        assertThat(result.status()).isEqualTo(StepStatus.Succeeded);
        assertThat(result.output()).isEqualTo(Map.of("echoed", "{\"text\": \"promoted\"}"));
        assertThat(received.get(0).method()).isEqualTo("POST");
        assertThat(received.get(0).headers().get("Content-type")).containsExactly("application/json");
    }

    @Test
    void anObjectBodyIsSentAsJsonAndYamlResponsesAreParsed() throws Exception {
        // what a whole-value expression such as body: ${{ {'stage': ctx.stage} }} leaves in the config
        ObjectNode config = (ObjectNode) yaml("url: BASE/echo\nmethod: PUT");
        config.set("body", YAML.readTree("{stage: staging, replicas: 2}"));
        StepResult echoed = step.run(context(), config);
        assertThat(echoed.status()).isEqualTo(StepStatus.Succeeded);
        assertThat(YAML.readTree(received.get(0).body())).isEqualTo(YAML.readTree("{stage: staging, replicas: 2}"));

        StepResult yaml = run("""
                url: BASE/yaml
                successExpression: response.body.healthy && response.body.replicas == 3
                """);
        assertThat(yaml.status()).isEqualTo(StepStatus.Succeeded);
    }

    @Test
    void aTrueFailureExpressionFailsWithTheErrorExpressionsText() throws Exception {
        StepResult result = run("""
                url: BASE/status/429
                successExpression: response.status == 200
                failureExpression: response.status == 429
                errorExpression: response.body.error
                """);

        assertThat(result.status()).isEqualTo(StepStatus.Failed);
        assertThat(result.message()).isEqualTo("HTTP 429 response met the failure criteria: quota exceeded");
    }

    @Test
    void withoutExpressionsOnly2xxSucceeds() throws Exception {
        assertThat(run("url: BASE/status/204").status()).isEqualTo(StepStatus.Succeeded);

        StepResult unavailable = run("url: BASE/status/503");
        assertThat(unavailable.status()).isEqualTo(StepStatus.Errored);
        assertThat(unavailable.message()).isEqualTo("HTTP 503 response from GET " + base() + "/status/503 is not 2xx");
    }

    @Test
    void aResponseMeetingNeitherCriterionIsRunningAndAskedAgainAfterThePollInterval() throws Exception {
        StepResult result = run("""
                url: BASE/status/200
                successExpression: response.body.state == 'done'
                failureExpression: response.body.state == 'failed'
                pollInterval: 2m
                """);

        assertThat(result.status()).isEqualTo(StepStatus.Running);
        assertThat(result.pollInterval()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(result.message()).startsWith("HTTP 200 response met neither the success nor the failure criteria");
        assertThat(run("url: BASE/status/200\nsuccessExpression: 'false'\n").pollInterval())
                .as("Kargo's default").isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void aRunningStatusIsPolledUntilItsCriterionHolds() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/deploy", exchange -> {
            record(exchange);
            reply(exchange, 200, "application/json", calls.incrementAndGet() < 3 ? "{\"phase\": \"Progressing\"}"
                    : "{\"phase\": \"Healthy\", \"revision\": \"abc\"}");
        });
        List<java.time.Duration> waits = new CopyOnWriteArrayList<>();
        PromotionRunner runner = new PromotionRunner(StepRegistry.of(step), Clock.systemUTC(),
                new io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine(), waits::add,
                java.time.Duration.ofSeconds(1));
        PromotionStep poll = new PromotionStep("http", "wait", "", false, Optional.empty(), List.of(), yaml("""
                url: BASE/deploy
                pollInterval: 5s
                successExpression: response.body.phase == 'Healthy'
                failureExpression: response.body.phase == 'Degraded'
                outputs: [{name: revision, fromExpression: response.body.revision}]
                """), SourceLocation.UNKNOWN);

        PromotionRun run = runner.run(List.of(), List.of(poll), context(), () -> false);

        assertThat(run.phase()).as(run.message()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));
        assertThat(run.steps().get(0).output()).isEqualTo(Map.of("revision", "abc"));
    }

    @Test
    void aRunningStepEndsAtItsTimeoutOrAnAbort() {
        PromotionRunner runner = new PromotionRunner(StepRegistry.of(step), Clock.systemUTC(),
                new io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine(), wait -> { },
                java.time.Duration.ofSeconds(1));
        PromotionStep poll = new PromotionStep("http", "wait", "", false,
                Optional.of(new PromotionStep.Retry(Optional.of(java.time.Duration.ZERO), 0)), List.of(), yaml("""
                        url: BASE/status/200
                        successExpression: response.body.state == 'done'
                        """), SourceLocation.UNKNOWN);
        PromotionRun timedOut = runner.run(List.of(), List.of(poll), context(), () -> false);
        assertThat(timedOut.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(timedOut.message()).contains("timed out after PT0S while running");

        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        PromotionStep forever = new PromotionStep("http", "wait", "", false, Optional.empty(), List.of(), yaml("""
                url: BASE/status/200
                successExpression: response.body.state == 'done'
                """), SourceLocation.UNKNOWN);
        PromotionRun aborted = runner.run(List.of(), List.of(forever), context(), () -> asked.incrementAndGet() > 3);
        assertThat(aborted.phase()).isEqualTo(PromotionPhase.Aborted);
    }

    @Test
    void aBodyFromAFileAndAnOverriddenResponseType() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("payload.json"), "{\"from\": \"file\"}");
        StepResult result = run("""
                method: POST
                url: BASE/echo
                bodyFromFile: payload.json
                responseContentType: application/json
                successExpression: response.body.from == 'file'
                """);

        // the echo answers text/plain; read as JSON as told
        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(received.get(received.size() - 1).body()).isEqualTo("{\"from\": \"file\"}");
        assertThat(run("url: BASE/echo\nbodyFromFile: ../outside.json\n").message()).contains("config.bodyFromFile");
    }

    @Test
    void aRequestGoesThroughTheProxyWhenOneIsGiven() throws Exception {
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> proxied = new CopyOnWriteArrayList<>();
        proxy.createContext("/", exchange -> {
            proxied.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            reply(exchange, 200, "application/json", "{\"via\": \"proxy\"}");
        });
        proxy.start();
        try {
            StepResult result = run("""
                    url: http://upstream.invalid:8080/path?q=1
                    proxy: http://127.0.0.1:%d
                    successExpression: response.body.via == 'proxy'
                    """.formatted(proxy.getAddress().getPort()));
            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(proxied).containsExactly("GET http://upstream.invalid:8080/path?q=1");
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void expressionProblemsNameTheField() throws Exception {
        StepResult notBoolean = run("""
                url: BASE/version
                successExpression: response.body.version
                """);
        assertThat(notBoolean.status()).isEqualTo(StepStatus.Errored);
        assertThat(notBoolean.message()).isEqualTo("field config.successExpression: expression "
                + "'response.body.version': gives a String, not true or false");

        StepResult badOutput = run("""
                url: BASE/version
                outputs:
                - name: x
                  fromExpression: response.body.nope.deeper
                """);
        assertThat(badOutput.status()).isEqualTo(StepStatus.Errored);
        assertThat(badOutput.message()).startsWith("field config.outputs[0].fromExpression: expression "
                + "'response.body.nope.deeper': ");

        StepResult escape = run("""
                url: BASE/version
                successExpression: response.getClass() != null
                """);
        assertThat(escape.status()).isEqualTo(StepStatus.Errored);
        assertThat(escape.message()).startsWith("field config.successExpression: expression 'response.getClass() != null'");
    }

    @Test
    void badConfigurationIsErroredWithTheFieldAndNothingIsSent() throws Exception {
        assertThat(run("method: GET").message()).isEqualTo("config.url is required; set it to a non-empty string");
        assertThat(run("url: ftp://example.org/file").message())
                .isEqualTo("config.url must be an http:// or https:// URL with a host");
        assertThat(run("url: BASE/version\nverb: GET").message()).startsWith("config.verb is not a field of http");
        assertThat(run("url: BASE/version\ntimeout: soon").message())
                .isEqualTo("config.timeout is 'soon', not a positive duration; write it as Go does, e.g. 30s or 1m30s");
        assertThat(run("url: BASE/version\ninsecureSkipTLSVerify: yes please").message())
                .isEqualTo("config.insecureSkipTLSVerify must be true or false, not 'yes please'");
        assertThat(run("url: BASE/version\nheaders:\n- name: Host\n  value: evil").message())
                .startsWith("config.headers[0].name is 'Host', a header the JDK HTTP client sets itself");
        assertThat(received).isEmpty();
    }

    @Test
    void credentialsNeverGoOverPlainHttpToAHostOffLoopback() throws Exception {
        try (CredentialsTrap trap = CredentialsTrap.start()) {
            StepResult withToken = step.run(context(), YAML.readTree("""
                    url: %s
                    headers:
                    - name: Authorization
                      value: Bearer s3cr3t
                    """.formatted(trap.url("/deploy"))));
            StepResult withKeyParameter = step.run(context(), YAML.readTree("""
                    url: %s
                    queryParams:
                    - name: api_key
                      value: s3cr3t
                    """.formatted(trap.url("/deploy"))));
            StepResult anonymous = step.run(context(), YAML.readTree("url: " + trap.url("/health")));

            String refusal = "http: GET " + trap.url("/deploy") + ": refusing to send credentials over plain HTTP to "
                    + trap.host() + ", which is not on loopback; use https://";
            assertThat(withToken.status()).isEqualTo(StepStatus.Errored);
            assertThat(withToken.message()).isEqualTo(refusal);
            assertThat(withKeyParameter.message()).isEqualTo(refusal);
            assertThat(anonymous.message()).as("without credentials plain HTTP goes anywhere, as in Kargo")
                    .isEqualTo("HTTP 401 response from GET " + trap.url("/health") + " is not 2xx");
            assertThat(trap.received()).containsExactly(new CredentialsTrap.Received("GET", "/health", null));
        }
    }

    @Test
    void aSlowServerTimesOut() throws Exception {
        StepResult result = run("""
                url: BASE/slow?token=hidden
                timeout: 300ms
                """);

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).isEqualTo("GET " + base() + "/slow: no complete response within 300ms; "
                + "raise config.timeout if the server is slow");
    }

    @Test
    void anUnreachableServerAndAnOversizedBodyAreErrors() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StepResult refused = step.run(context(), YAML.readTree("url: http://127.0.0.1:" + closedPort + "/x"));
        assertThat(refused.status()).isEqualTo(StepStatus.Errored);
        assertThat(refused.message()).startsWith("GET http://127.0.0.1:" + closedPort + "/x: request failed");

        StepResult huge = run("url: BASE/huge");
        assertThat(huge.status()).isEqualTo(StepStatus.Errored);
        assertThat(huge.message()).contains("larger than 2 MiB");
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessVerificationIsSkipped() throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(SelfSignedTls.serverContext(dir, "elsewhere.invalid")));
        https.createContext("/", exchange -> reply(exchange, 200, "application/json", "{\"ok\": true}"));
        https.start();
        try {
            String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/health";
            StepResult refused = step.run(context(), YAML.readTree("url: " + url));
            assertThat(refused.status()).isEqualTo(StepStatus.Errored);
            assertThat(refused.message()).startsWith("GET " + url + ": TLS handshake failed")
                    .endsWith("set insecureSkipTLSVerify");

            StepResult accepted = step.run(context(), YAML.readTree("url: " + url + "\ninsecureSkipTLSVerify: true\n"
                    + "successExpression: response.body.ok"));
            assertThat(accepted.status()).isEqualTo(StepStatus.Succeeded);
        } finally {
            https.stop(0);
        }
    }

    @Test
    void inAPromotionInnerExpressionsAreEvaluatedFirstAndOutputsReachLaterSteps() {
        PromotionRunner runner = new PromotionRunner(StepRegistry.of(step), Clock.systemUTC());
        PromotionStep check = new PromotionStep("http", "check", "", false, Optional.empty(), List.of(),
                yaml("""
                        url: BASE/version
                        successExpression: response.body.version == '${{ imageFrom(vars.repo).Tag }}'
                        outputs:
                        - name: version
                          fromExpression: response.body.version
                        """), SourceLocation.UNKNOWN);
        PromotionStep notify = new PromotionStep("http", "notify", "", false, Optional.empty(), List.of(),
                yaml("""
                        method: POST
                        url: BASE/echo
                        body: ${{ ctx.stage }} runs ${{ outputs.check.version }}
                        """), SourceLocation.UNKNOWN);

        PromotionRun run = runner.run(List.of(new ExpressionVariable("repo", "ghcr.io/acme/web")),
                List.of(check, notify), context(), () -> false);

        assertThat(run.phase()).as(run.message()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(received).extracting(Received::body).containsExactly("", "staging runs 1.4.0");
    }

    private JsonNode yaml(String text) {
        try {
            return YAML.readTree(text.replace("BASE", base()));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
