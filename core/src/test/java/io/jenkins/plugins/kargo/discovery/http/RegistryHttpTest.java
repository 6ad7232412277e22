package io.jenkins.plugins.kargo.discovery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives {@link RegistryHttp} against a real HTTP server on loopback (the JDK's) that answers from a script, so each
 * retry rule is seen on the wire. Waits are recorded by the sleeper, never slept.
 */
class RegistryHttpTest {

    /** One scripted answer. */
    private record Answer(int status, String body, String... headers) {
    }

    private HttpServer server;
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<String> authorizationsSeen = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final List<RegistryHttp.Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizationsSeen.add(auth == null ? "<none>" : auth);
        Answer a = script.size() > 1 ? script.poll() : script.peek();
        for (int i = 0; i < a.headers().length; i += 2) {
            exchange.getResponseHeaders().add(a.headers()[i], a.headers()[i + 1]);
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(a.status(), head || body.length == 0 ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private RegistryHttp.Builder client() {
        return RegistryHttp.builder().sleeper(waits::add).clock(clock).listener(exchanges::add)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void honoursRetryAfterInSecondsAndAsAnHttpDate() throws Exception {
        script.add(new Answer(429, "", "Retry-After", "3"));
        script.add(new Answer(429, "", "Retry-After", "Fri, 27 Nov 2026 12:00:20 GMT"));
        script.add(new Answer(200, "{\"tags\":[]}"));

        RegistryResponse response = client().build().send(RegistryRequest.get(uri("/v2/app/tags/list")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"tags\":[]}");
        assertThat(response.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(20));
        assertThat(exchanges).extracting(RegistryHttp.Exchange::status).containsExactly(429, 429, 200);
    }

    @Test
    void retriesServerErrorsWithGrowingJitteredBackoff() throws Exception {
        script.add(new Answer(503, ""));
        script.add(new Answer(502, ""));
        script.add(new Answer(200, "ok"));

        RegistryResponse response = client().build().send(RegistryRequest.get(uri("/v2/")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(waits).hasSize(2);
        // exponential: 100 ms then 200 ms, each within ±50% jitter
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(150));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
    }

    @Test
    void givesUpAfterTheLastAttemptAndNamesTheRequest() throws Exception {
        script.add(new Answer(500, "boom"));

        RegistryResponse response = client().maxAttempts(3).build().send(RegistryRequest.get(uri("/v2/app/tags/list")));

        assertThat(response.status()).isEqualTo(500);
        assertThat(exchanges).hasSize(3);
        assertThat(response.failure("the registry is failing").getMessage()).isEqualTo(
                "GET " + uri("/v2/app/tags/list") + ": 500 Internal Server Error (after 3 attempts) — the registry is failing");
    }

    @Test
    void aRetryAfterLongerThanTheLimitIsNotWaitedFor() throws Exception {
        script.add(new Answer(429, "", "Retry-After", "3600"));

        RegistryResponse response = client().maxRetryAfter(Duration.ofSeconds(30)).build()
                .send(RegistryRequest.get(uri("/v2/")));

        assertThat(response.status()).isEqualTo(429);
        assertThat(waits).isEmpty();
        assertThat(exchanges).hasSize(1);
    }

    @Test
    void clientErrorsAreReturnedAtOnce() throws Exception {
        script.add(new Answer(404, "{\"errors\":[]}"));

        RegistryResponse response = client().build().send(RegistryRequest.get(uri("/v2/nope/tags/list")));

        assertThat(response.status()).isEqualTo(404);
        assertThat(exchanges).hasSize(1);
        assertThatThrownBy(() -> client().build().sendExpectingSuccess(RegistryRequest.get(uri("/v2/nope/tags/list")),
                "check the repository name"))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("GET " + uri("/v2/nope/tags/list") + ": 404 Not Found — check the repository name");
    }

    @Test
    void aBodyOverTheLimitIsAnErrorNamingTheUrlNotARetry() {
        script.add(new Answer(200, "x".repeat(10_000)));

        assertThatThrownBy(() -> client().maxBodyBytes(1000).build().send(RegistryRequest.get(uri("/v2/big"))))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("GET " + uri("/v2/big"))
                .hasMessageContaining("exceeds the limit of 1000 bytes");
        assertThat(exchanges).hasSize(1);
    }

    @Test
    void aPerRequestLimitOverridesTheDefault() throws Exception {
        script.add(new Answer(200, "x".repeat(5000)));
        RegistryHttp http = client().maxBodyBytes(100).build();

        RegistryResponse response = http.send(RegistryRequest.get(uri("/v2/big")).withMaxBodyBytes(5000));

        assertThat(response.body()).hasSize(5000);
    }

    @Test
    void connectionFailuresAreRetriedThenReportedWithTheRequest() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/v2/");

        assertThatThrownBy(() -> client().maxAttempts(3).build().send(RegistryRequest.get(nowhere)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("GET " + nowhere + ": connection failed after 3 attempts");
        assertThat(waits).hasSize(2);
    }

    @Test
    void credentialsAreNeverSentOverPlainHttpToARemoteHost() {
        RegistryRequest request = RegistryRequest.get(URI.create("http://registry.example.com/v2/"))
                .withAuthorization(Authorization.basic("ci", "s3cr3t"));

        assertThatThrownBy(() -> client().build().send(request))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("refusing to send credentials over plain HTTP to registry.example.com")
                .hasMessageNotContaining("s3cr3t");
        assertThat(exchanges).isEmpty();
    }

    @Test
    void followsRedirectsButKeepsTheAuthorizationForTheOriginalHost() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> otherSaw = new CopyOnWriteArrayList<>();
        other.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            otherSaw.add(auth == null ? "<none>" : auth);
            exchange.sendResponseHeaders(200, 4);
            exchange.getResponseBody().write("blob".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        other.start();
        try {
            String elsewhere = "http://127.0.0.1:" + other.getAddress().getPort() + "/storage/blob";
            script.add(new Answer(307, "", "Location", elsewhere));

            RegistryResponse response = client().build().send(RegistryRequest.get(uri("/v2/app/blobs/sha256:1"))
                    .withAuthorization(Authorization.bearer("tok")));

            assertThat(response.bodyText()).isEqualTo("blob");
            assertThat(response.uri()).isEqualTo(URI.create(elsewhere));
            assertThat(authorizationsSeen).containsExactly("Bearer tok");
            assertThat(otherSaw).containsExactly("<none>");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void headReturnsHeadersWithoutABody() throws Exception {
        script.add(new Answer(200, "", "Docker-Content-Digest", "sha256:abc"));

        RegistryResponse response = client().build().send(RegistryRequest.head(uri("/v2/app/manifests/1.0.0")));

        assertThat(response.header("Docker-Content-Digest")).contains("sha256:abc");
        assertThat(response.body()).isEmpty();
        assertThat(exchanges).extracting(RegistryHttp.Exchange::method).containsExactly("HEAD");
    }
}
