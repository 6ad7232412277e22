package io.jenkins.plugins.kargo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectingProxyTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FaultInjectingProxy proxy;
    private String repo;
    private String tagsPath;

    @BeforeEach
    void pushAnImageAndStartTheProxy() {
        repo = "testkit/proxy-" + UUID.randomUUID().toString().substring(0, 8);
        tagsPath = "/v2/" + repo + "/tags/list";
        OciImagePusher.anonymous(TestServices.registry()).image(repo).tag("v1.0.0").tag("v1.1.0").push();
        proxy = FaultInjectingProxy.start(TestServices.registry());
    }

    @AfterEach
    void stopTheProxy() {
        proxy.close();
    }

    private HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + proxy.address() + path)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, Duration.ofSeconds(30));
    }

    @Test
    void forwardsWhatIsNotFaulted() throws Exception {
        HttpResponse<String> response = get(tagsPath);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"v1.0.0\"", "\"v1.1.0\"");
        assertThat(proxy.requestCount(tagsPath)).isEqualTo(1);
        assertThat(proxy.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.fault()).isNull();
        });
    }

    @Test
    void playsThePlannedStatusesInOrderThenForwards() throws Exception {
        proxy.inject("/v2/.+/tags/list", Fault.tooManyRequests(Duration.ofSeconds(2)), Fault.serviceUnavailable(),
                Fault.serverError());

        HttpResponse<String> first = get(tagsPath);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(get(tagsPath).statusCode()).isEqualTo(503);
        assertThat(get("/v2/").statusCode()).as("other paths are not faulted").isEqualTo(200);
        assertThat(get(tagsPath).statusCode()).isEqualTo(500);
        assertThat(get(tagsPath).statusCode()).isEqualTo(200);

        assertThat(proxy.requestCount(tagsPath)).isEqualTo(4);
        assertThat(proxy.requestCountMatching("/v2/.*")).isEqualTo(5);
        assertThat(proxy.pendingFaults()).isZero();
    }

    @Test
    void dropsTheConnectionWithoutAResponse() throws Exception {
        proxy.inject(tagsPath, Fault.dropConnection());

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(proxy.address().split(":")[1]))) {
            socket.getOutputStream().write(("GET " + tagsPath + " HTTP/1.1\r\nHost: registry\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().read()).as("end of stream before any byte of response").isEqualTo(-1);
        }
        assertThat(get(tagsPath).statusCode()).isEqualTo(200);
        assertThat(proxy.requests()).extracting(RecordedRequest::fault).containsExactly(Fault.dropConnection(), null);
    }

    @Test
    void theJdkClientRetriesAGetOnceAfterADroppedConnection() throws Exception {
        // Worth knowing when counting retries: java.net.http resends an idempotent request once by itself.
        proxy.inject(tagsPath, Fault.dropConnection());
        assertThat(get(tagsPath).statusCode()).isEqualTo(200);
        assertThat(proxy.requestCount(tagsPath)).isEqualTo(2);

        proxy.inject(tagsPath, Fault.times(2, Fault.dropConnection()));
        assertThatThrownBy(() -> get(tagsPath)).isInstanceOf(IOException.class);
        assertThat(proxy.requestCount(tagsPath)).isEqualTo(4);
    }

    @Test
    void delaysBeyondTheClientTimeoutAndReleasesTheWaitOnClose() throws Exception {
        proxy.inject(tagsPath, Fault.delay(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> get(tagsPath, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(get("/v2/").statusCode()).as("a held request does not hold up others").isEqualTo(200);
        assertThat(proxy.requestCount(tagsPath)).isEqualTo(1);
        assertTimeoutPreemptively(Duration.ofSeconds(10), proxy::close, "close() must end a pending delay");
    }

    @Test
    void forwardsAfterAShortDelay() throws Exception {
        proxy.inject(tagsPath, Fault.delay(Duration.ofMillis(50)));

        HttpResponse<String> response = get(tagsPath);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("v1.1.0");
    }

    @Test
    void carriesAWholePushSoUploadsComeBackThroughTheProxy() throws Exception {
        PushedImage pushed = OciImagePusher.anonymous(proxy.address()).image(repo).tag("v2.0.0")
                .created(java.time.Instant.parse("2025-01-01T00:00:00Z")).push();

        // The layer is the one pushed before; only the new config blob is uploaded, and both steps of its upload
        // (POST, then PUT to the Location the registry gave) came through the proxy.
        assertThat(proxy.requestCount("/v2/" + repo + "/blobs/uploads/")).isEqualTo(1);
        assertThat(proxy.requestCountMatching("/v2/" + repo + "/blobs/uploads/.+")).isEqualTo(1);
        HttpResponse<byte[]> direct = new RegistryReader(TestServices.registry()).get("/v2/" + repo + "/manifests/v2.0.0");
        assertThat(direct.headers().firstValue("Docker-Content-Digest")).contains(pushed.digest());
        HttpResponse<byte[]> head = new RegistryReader(proxy.address()).get("/v2/" + repo + "/manifests/v2.0.0");
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(pushed.digest());
    }
}
