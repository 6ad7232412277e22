package io.jenkins.plugins.kargo.verification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.testkit.CredentialsTrap;
import io.jenkins.plugins.kargo.verification.AnalysisPhase;
import io.jenkins.plugins.kargo.verification.ConditionEvaluator;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.VerificationRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebMeasurementTest {

    private static final String TOKEN = "s3cr3t-token-value";

    private final WebMeasurement web = new WebMeasurement();
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch slowArrived = new CountDownLatch(1);
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> reply(exchange, 200, "application/json; charset=utf-8",
                "{\"status\":\"ok\",\"data\":{\"ok\":true,\"checks\":[{\"latencyMs\":12.5}]}}"));
        server.createContext("/down", exchange -> reply(exchange, 503, "text/plain", "maintenance"));
        server.createContext("/text", exchange -> reply(exchange, 200, "text/plain", "{\"looks\":\"like json\"}"));
        server.createContext("/echo", exchange -> {
            received.put("method", exchange.getRequestMethod());
            received.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.put("contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            reply(exchange, 201, "application/json", "{\"created\":true}");
        });
        server.createContext("/slow", exchange -> {
            slowArrived.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "text/plain", "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("X-Served-By", "test");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static MeasurementContext context(Map<String, String> args) {
        return new MeasurementContext(new VerificationRef("myapp", "dev", "v", Instant.EPOCH), "health-check", args,
                EventSink.NONE, Clock.systemUTC(), () -> false);
    }

    /** Argo Rollouts' form. */
    private static MetricProvider.Web get(String url) {
        return new MetricProvider.Web(url, "GET", List.of(), "", 0, "", false);
    }

    /** The seed's form: a condition written inside provider.web. */
    private static MetricProvider.Web seed(String url) {
        return get(url).asResponseObject();
    }

    @Test
    void theResultIsTheJsonBodyAsInArgoRollouts() throws Exception {
        assertThat(web.measure(get(base + "/health"), context(Map.of()))).isEqualTo(Map.of("status", "ok",
                "data", Map.of("ok", true, "checks", List.of(Map.of("latencyMs", 12.5)))));
        // Argo Rollouts parses the body as JSON whatever its type says; a body that is not JSON is the result as text
        assertThat(web.measure(get(base + "/text"), context(Map.of()))).isEqualTo(Map.of("looks", "like json"));
        server.createContext("/plain", exchange -> reply(exchange, 200, "application/json", "ready"));
        assertThat(web.measure(get(base + "/plain"), context(Map.of()))).isEqualTo("ready");
        ConditionEvaluator conditions = new ConditionEvaluator();
        assertThat(conditions.assess(web.measure(get(base + "/health"), context(Map.of())),
                "result.data.ok == true", "").phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    }

    @Test
    void aNon2xxStatusIsAnErrorMeasurementAsInArgoRollouts() {
        assertThatThrownBy(() -> web.measure(get(base + "/down"), context(Map.of())))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("received non 2xx response code 503");
    }

    @Test
    void aPathThatSelectsSeveralValuesGivesTheFirstAsArgoRolloutsDoes() throws Exception {
        MetricProvider.Web all = new MetricProvider.Web(base + "/health", "GET", List.of(), "", 0,
                "{$.data.checks[*].latencyMs}", false);
        MetricProvider.Web none = new MetricProvider.Web(base + "/health", "GET", List.of(), "", 0,
                "{$.data.checks[?(@.latencyMs > 100)].latencyMs}", false);
        MetricProvider.Web rootless = new MetricProvider.Web(base + "/health", "GET", List.of(), "", 0,
                "{.status}", false);

        assertThat(web.measure(all, context(Map.of()))).isEqualTo(12.5);
        assertThat(web.measure(rootless, context(Map.of()))).isEqualTo("ok");
        assertThatThrownBy(() -> web.measure(none, context(Map.of()))).isInstanceOf(MeasurementException.class)
                .hasMessageContaining("produced no value");
    }

    @Test
    void aJsonBodyIsSentAsJson() throws Exception {
        MetricProvider.Web post = new MetricProvider.Web(base + "/echo", "POST", List.of(), "{\"a\":1}", true, 5, "",
                false, java.util.Optional.empty(), false);

        assertThat(web.measure(post, context(Map.of()))).isEqualTo(Map.of("created", true));
        assertThat(received).containsEntry("contentType", "application/json").containsEntry("body", "{\"a\":1}");
    }

    @Test
    void theSeedsSmokeTestSeesTheStatusCodeAndTheParsedJsonBody() throws Exception {
        Object result = web.measure(seed("{{ args.service-url }}/health"),
                context(Map.of("service-url", base)));

        assertThat(result).isInstanceOf(Map.class);
        Map<?, ?> response = (Map<?, ?>) result;
        assertThat(response.get("statusCode")).isEqualTo(200);
        assertThat(response.get("body")).isEqualTo(Map.of("status", "ok",
                "data", Map.of("ok", true, "checks", List.of(Map.of("latencyMs", 12.5)))));
        assertThat(response.get("headers")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, String.class)).containsEntry("x-served-by", "test")
                .containsEntry("content-type", "application/json; charset=utf-8");
    }

    @Test
    void theSeedsSmokeConditionJudgesTheStatusCode() throws Exception {
        ConditionEvaluator conditions = new ConditionEvaluator();

        assertThat(conditions.assess(web.measure(seed(base + "/health"), context(Map.of())),
                "result.statusCode == 200", "").phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
        assertThat(conditions.assess(web.measure(seed(base + "/down"), context(Map.of())),
                "result.statusCode == 200", "").phase()).isEqualTo(AnalysisPhase.FAILED);
        assertThat(conditions.assess(web.measure(seed(base + "/health"), context(Map.of())),
                "result.body.data.ok == true", "").phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
    }

    @Test
    void anErrorStatusIsAResultForTheConditionNotAnError() throws Exception {
        Map<?, ?> response = (Map<?, ?>) web.measure(seed(base + "/down"), context(Map.of()));

        assertThat(response.get("statusCode")).isEqualTo(503);
        assertThat(response.get("body")).isEqualTo("maintenance");
    }

    @Test
    void aBodyThatIsNotDeclaredJsonStaysText() throws Exception {
        Map<?, ?> response = (Map<?, ?>) web.measure(seed(base + "/text"), context(Map.of()));

        assertThat(response.get("body")).isEqualTo("{\"looks\":\"like json\"}");
    }

    @Test
    void jsonPathGivesTheValueAtThePathInArgoRolloutsBraces() throws Exception {
        MetricProvider.Web ok = new MetricProvider.Web(base + "/health", "GET", List.of(), "", 0,
                "{$.data.ok}", false);
        MetricProvider.Web latency = new MetricProvider.Web(base + "/health", "GET", List.of(), "", 0,
                "$.data.checks[0].latencyMs", false);

        assertThat(web.measure(ok, context(Map.of()))).isEqualTo(true);
        assertThat(web.measure(latency, context(Map.of()))).isEqualTo(12.5);
    }

    @Test
    void jsonPathThatMatchesNothingOrANon2xxResponseIsAnError() {
        MetricProvider.Web missing = new MetricProvider.Web(base + "/health", "GET", List.of(), "", 0,
                "{$.data.nothing}", false);
        MetricProvider.Web down = new MetricProvider.Web(base + "/down", "GET", List.of(), "", 0, "$.ok", false);

        assertThatThrownBy(() -> web.measure(missing, context(Map.of())))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("{$.data.nothing}");
        assertThatThrownBy(() -> web.measure(down, context(Map.of())))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("503");
    }

    @Test
    void methodHeadersAndBodyAreSentWithArgumentsRendered() throws Exception {
        MetricProvider.Web post = new MetricProvider.Web(base + "/echo", "post",
                List.of(new MetricProvider.Header("Authorization", "Bearer {{ args.token }}")),
                "{\"service\":\"{{ args.service }}\"}", 5, "", false);

        Object result = web.measure(post, context(Map.of("token", TOKEN, "service", "user-api")));

        assertThat(result).isEqualTo(Map.of("created", true));
        assertThat(received).containsEntry("method", "POST").containsEntry("authorization", "Bearer " + TOKEN)
                .containsEntry("body", "{\"service\":\"user-api\"}");
    }

    @Test
    void oauth2ClientCredentialsAreFetchedOnceAndSentAsABearerToken() throws Exception {
        java.util.concurrent.atomic.AtomicInteger tokenRequests = new java.util.concurrent.atomic.AtomicInteger();
        String expectedBasic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("analysis:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        server.createContext("/token", exchange -> {
            tokenRequests.incrementAndGet();
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = expectedBasic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && form.equals("grant_type=client_credentials&scope=metrics+read");
            reply(exchange, ok ? 200 : 401, "application/json", ok
                    ? "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}" : "{}");
        });
        server.createContext("/secure", exchange -> reply(exchange,
                "Bearer tok-1".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                "application/json", "{\"ok\":true}"));
        MetricProvider.Web secure = new MetricProvider.Web(base + "/secure", "GET", List.of(), "", false, 5,
                "{$.ok}", false, java.util.Optional.of(new MetricProvider.OAuth2(base + "/token", "analysis",
                "{{ args.client-secret }}", List.of("metrics", "read"))), false);

        assertThat(web.measure(secure, context(Map.of("client-secret", TOKEN)))).isEqualTo(true);
        assertThat(web.measure(secure, context(Map.of("client-secret", TOKEN)))).isEqualTo(true);
        assertThat(tokenRequests).hasValue(1);
        assertThatThrownBy(() -> web.measure(secure, context(Map.of("client-secret", "wrong-" + TOKEN))))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("/token: HTTP 401")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void oauth2CredentialsGoInTheFormWhenTheServerRefusesThemInTheHeader() throws Exception {
        server.createContext("/form-token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = exchange.getRequestHeaders().getFirst("Authorization") == null
                    && form.contains("client_id=analysis") && form.contains("client_secret=" + TOKEN);
            reply(exchange, ok ? 200 : 400, "application/json", ok ? "{\"access_token\":\"tok-2\"}" : "{}");
        });
        server.createContext("/secure2", exchange -> reply(exchange,
                "Bearer tok-2".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                "application/json", "{\"ok\":true}"));
        MetricProvider.Web secure = new MetricProvider.Web(base + "/secure2", "GET", List.of(), "", false, 5, "",
                false, java.util.Optional.of(new MetricProvider.OAuth2(base + "/form-token", "analysis", TOKEN,
                List.of())), false);

        assertThat(web.measure(secure, context(Map.of()))).isEqualTo(Map.of("ok", true));
    }

    @Test
    void headerValuesNeverReachAMessage() {
        MetricProvider.Web badValue = new MetricProvider.Web(base + "/echo", "GET",
                List.of(new MetricProvider.Header("Authorization", "Bearer {{ args.token }}\r\nX: y")), "", 5, "",
                false);

        assertThatThrownBy(() -> web.measure(badValue, context(Map.of("token", TOKEN))))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("Authorization")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void redirectsAreFollowedByTheFirstRequestsRulesAndLogged() throws Exception {
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getRawQuery().substring(3));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        MeasurementContext logged = new MeasurementContext(new VerificationRef("myapp", "dev", "v", Instant.EPOCH),
                "health-check", Map.of(), new EventSink() {
                    @Override
                    public void info(String message) {
                        log.add(message);
                    }

                    @Override
                    public void warn(String message) {
                        log.add(message);
                    }
                }, Clock.systemUTC(), () -> false);

        Map<?, ?> followed = (Map<?, ?>) web.measure(seed(base + "/moved?to=/health"), logged);
        assertThat(followed.get("statusCode")).isEqualTo(200);
        assertThat(log).containsExactly("web metric GET " + base + "/moved: answered 200 from " + base
                + "/health after 1 redirect");

        // to another host the token does not follow
        String otherHost = "http://localhost:" + server.getAddress().getPort();
        MetricProvider.Web withToken = new MetricProvider.Web(base + "/moved?to=" + otherHost + "/echo", "POST",
                List.of(new MetricProvider.Header("Authorization", "Bearer " + TOKEN)), "", 5, "", false)
                .asResponseObject();
        assertThat(((Map<?, ?>) web.measure(withToken, context(Map.of()))).get("statusCode")).isEqualTo(201);
        assertThat(received).containsEntry("authorization", "null").containsEntry("method", "GET");

        try (CredentialsTrap trap = CredentialsTrap.start()) {
            assertThatThrownBy(() -> web.measure(get(base + "/moved?to=" + trap.url("/x")), context(Map.of())))
                    .isInstanceOf(MeasurementException.class)
                    .hasMessageContaining("a redirect to plain HTTP at " + trap.host() + ", which is not on loopback,"
                            + " is not followed");
            assertThat(trap.received()).isEmpty();
        }
        assertThatThrownBy(() -> web.measure(get(base + "/moved?to=https://169.254.169.254/"), context(Map.of())))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("169.254.169.254 is denied by the operator's outbound policy");
    }

    @Test
    void aRegularExpressionFilterInJsonPathIsRefusedBeforeAnythingRuns() {
        MetricProvider.Web regex = new MetricProvider.Web(base + "/health", "GET", List.of(), "", 0,
                "$.data.checks[?(@.name =~ /(.*a){12}/)]", false);
        assertThatThrownBy(() -> web.measure(regex, context(Map.of()))).isInstanceOf(MeasurementException.class)
                .hasMessageContaining("has a regular-expression filter (=~), which Kubernetes JSONPath (Argo Rollouts'"
                        + " jsonPath) does not have");
        assertThat(MetricProvider.Web.hasRegexFilter("$.items[?(@.name == 'a=~b')]")).isFalse();
        assertThat(MetricProvider.Web.hasRegexFilter("$.items[?(@.name == \"x\\\"=~\")]")).isFalse();
        assertThat(MetricProvider.Web.hasRegexFilter("$.items[?(@.name=~/x/)]")).isTrue();
    }

    @Test
    void credentialsNeverGoOverPlainHttpToAHostOffLoopback() throws Exception {
        try (CredentialsTrap trap = CredentialsTrap.start()) {
            MetricProvider.Web withToken = new MetricProvider.Web(trap.url("/health"), "GET",
                    List.of(new MetricProvider.Header("X-Api-Key", TOKEN)), "", 5, "", false);

            assertThatThrownBy(() -> web.measure(withToken, context(Map.of())))
                    .isInstanceOf(MeasurementException.class)
                    .hasMessage("web metric GET " + trap.url("/health") + ": refusing to send credentials over plain "
                            + "HTTP to " + trap.host() + ", which is not on loopback; use https://");
            Map<?, ?> anonymous = (Map<?, ?>) web.measure(seed(trap.url("/health")), context(Map.of()));
            assertThat(anonymous.get("statusCode")).as("without credentials plain HTTP goes anywhere").isEqualTo(401);
            assertThat(trap.received()).containsExactly(new CredentialsTrap.Received("GET", "/health", null));
        }
    }

    @Test
    void aSlowServerTimesOutAfterTimeoutSeconds() {
        MetricProvider.Web slow = new MetricProvider.Web(base + "/slow?token=" + TOKEN, "GET",
                List.of(new MetricProvider.Header("Authorization", TOKEN)), "", 1, "", false);

        assertThatThrownBy(() -> web.measure(slow, context(Map.of())))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("within 1s")
                .hasMessageContaining("/slow").hasMessageNotContaining(TOKEN);
    }

    @Test
    void anAbortsInterruptWhileTheServerHoldsTheAnswerStopsTheMeasurement() throws Exception {
        CompletableFuture<Object> ended = new CompletableFuture<>();
        Thread measuring = new Thread(() -> {
            try {
                ended.complete(web.measure(get(base + "/slow"), context(Map.of())));
            } catch (Throwable t) {
                ended.complete(t);
            }
        }, "measuring");
        measuring.start();
        assertThat(slowArrived.await(1, TimeUnit.MINUTES)).as("the request reached the server").isTrue();

        measuring.interrupt();

        assertThat(ended.get(1, TimeUnit.MINUTES)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aRefusedConnectionIsAMeasurementErrorNamingTheTarget() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MetricProvider.Web refused = get("http://127.0.0.1:" + closedPort + "/health");

        assertThatThrownBy(() -> web.measure(refused, context(Map.of())))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("GET http://127.0.0.1:" + closedPort + "/health")
                .hasMessageContaining("refused");
    }

    @Test
    void aMissingArgumentOrANonHttpUrlIsRefused() {
        assertThatThrownBy(() -> web.measure(get("{{ args.service-url }}/health"), context(Map.of())))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("service-url");
        assertThatThrownBy(() -> web.measure(get("file:///etc/passwd"), context(Map.of())))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> web.measure(get("ftp://user:" + TOKEN + "@host/x?key=" + TOKEN), context(Map.of())))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("http(s)")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void insecureAcceptsASelfSignedCertificateThatIsOtherwiseRefused(@TempDir Path dir) throws Exception {
        HttpsServer tls = selfSignedServer(dir);
        try {
            String url = "https://127.0.0.1:" + tls.getAddress().getPort() + "/health";
            MetricProvider.Web verifying = new MetricProvider.Web(url, "GET", List.of(), "", 5, "", false);
            MetricProvider.Web insecure = new MetricProvider.Web(url, "GET", List.of(), "", 5, "", true);

            assertThatThrownBy(() -> web.measure(verifying, context(Map.of())))
                    .isInstanceOf(MeasurementException.class).hasMessageContaining("/health");
            assertThat(web.measure(insecure, context(Map.of()))).isEqualTo(Map.of());
        } finally {
            tls.stop(0);
        }
    }

    private static HttpsServer selfSignedServer(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(ssl));
        tls.createContext("/health", exchange -> reply(exchange, 200, "application/json", "{}"));
        tls.start();
        return tls;
    }

    @Test
    void aRequestTheMetricDoesNotAuthorizeTakesTheGenericCredentialsOfItsUrlFromThePort() throws Exception {
        java.util.List<String> asked = new java.util.ArrayList<>();
        WebMeasurement withPort = new WebMeasurement(io.jenkins.plugins.kargo.net.OutboundPolicy.DEFAULT, (url, kind) -> {
            asked.add(kind + " " + url);
            return java.util.Optional.of(new io.jenkins.plugins.kargo.credentials.Credentials.Token("canary-7d1f"));
        });

        withPort.measure(get(base + "/echo?token=not-matched"), context(Map.of()));
        assertThat(asked).containsExactly("generic " + base + "/echo");
        assertThat(received).containsEntry("authorization", "Bearer canary-7d1f");

        MetricProvider.Web own = new MetricProvider.Web(base + "/echo", "GET",
                List.of(new MetricProvider.Header("Authorization", "Bearer the-metrics-own")), "", 0, "", false);
        withPort.measure(own, context(Map.of()));
        assertThat(received).as("the metric's own header wins").containsEntry("authorization", "Bearer the-metrics-own");
    }

    @Test
    void thePortsCredentialsAreNeverSentOverPlainHttpToAnotherHost() {
        WebMeasurement withPort = new WebMeasurement(io.jenkins.plugins.kargo.net.OutboundPolicy.DEFAULT, (url, kind) -> java.util.Optional.of(
                new io.jenkins.plugins.kargo.credentials.Credentials.UsernamePassword("robot", "canary-pw")));

        assertThatThrownBy(() -> withPort.measure(get("http://metrics.example.com/health"), context(Map.of())))
                .isInstanceOf(MeasurementException.class).hasMessageNotContaining("canary-pw");
    }
}
