package io.jenkins.plugins.kargo.discovery.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredArtifact;
import io.jenkins.plugins.kargo.discovery.DiscoveredChart;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback serving a generated {@code index.yaml}, as a chart repository does. */
class ChartRepositorySubscriberTest {

    private static final SourceLocation HERE = new SourceLocation("warehouses/charts.yaml", 7, "spec.subscriptions[0].chart");
    private static final String USER = "chart-reader";
    private static final String PASSWORD = "s3cret-" + System.nanoTime();

    private HttpServer server;
    private String repoURL;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final RegistryHttp http = RegistryHttp.create();

    @BeforeEach
    void startRepository() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
        repoURL = "http://127.0.0.1:" + server.getAddress().getPort() + "/charts";
        files.put("/charts/index.yaml", index(Map.of(
                "myapp", List.of("1.0.0", "1.2", "1.2.0", "2.0.0-rc.1", "1.10.0", "0.9.0", "not-a-version", "v1.1.0"),
                "other-chart", List.of("5.0.0"))));
    }

    @AfterEach
    void stopRepository() {
        server.stop(0);
    }

    @Test
    void selectsVersionsInTheRangeHighestFirst() throws DiscoveryException {
        List<DiscoveredChart> charts = subscriber(CredentialsProvider.NONE).discover(subscription("myapp", "^1", 20));

        // lenient parsing as Kargo's NewVersion: "1.2" and "v1.1.0" count; equal versions break ties by string
        assertThat(charts).extracting(DiscoveredChart::version)
                .containsExactly("1.10.0", "1.2.0", "1.2", "v1.1.0", "1.0.0");
        assertThat(charts).allSatisfy(chart -> {
            assertThat(chart.repoURL()).isEqualTo(repoURL);
            assertThat(chart.name()).isEqualTo("myapp");
        });
    }

    @Test
    void withoutRangeEveryVersionCountsPreReleasesIncluded() throws DiscoveryException {
        List<DiscoveredChart> charts = subscriber(CredentialsProvider.NONE).discover(subscription("myapp", "", 3));

        assertThat(charts).extracting(DiscoveredChart::version).containsExactly("2.0.0-rc.1", "1.10.0", "1.2.0");
    }

    @Test
    void aTrailingSlashOnTheRepositoryUrlIsIgnored() throws DiscoveryException {
        ChartSubscription subscription = new ChartSubscription(repoURL + "/", "other-chart", "", 20, false, "", HERE);

        assertThat(subscriber(CredentialsProvider.NONE).discover(subscription))
                .extracting(DiscoveredChart::version).containsExactly("5.0.0");
    }

    @Test
    void aChartMissingFromTheIndexIsReportedWithTheChartsThatAreThere() {
        assertThatThrownBy(() -> subscriber(CredentialsProvider.NONE).discover(subscription("mypp", "", 20)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("chart \"mypp\" is not in the index of " + repoURL)
                .hasMessageContaining("these charts: myapp, other-chart");
    }

    @Test
    void aUrlWithoutIndexIsReportedAsNotARepository() {
        ChartSubscription subscription = new ChartSubscription(repoURL + "/nested", "myapp", "", 20, false, "", HERE);

        assertThatThrownBy(() -> subscriber(CredentialsProvider.NONE).discover(subscription))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("GET " + repoURL + "/nested/index.yaml: 404 Not Found")
                .hasMessageContaining("no index.yaml there");
    }

    @Test
    void somethingElseThanAnIndexIsReported() {
        files.put("/charts/index.yaml", "<html>login</html>".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> subscriber(CredentialsProvider.NONE).discover(subscription("myapp", "", 20)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("the answer is not a Helm repository index");
    }

    @Test
    void sendsHelmCredentialsAsBasicAuth() throws DiscoveryException {
        files.put("/private/index.yaml", index(Map.of("secret-app", List.of("3.1.4"))));
        String privateRepo = repoURL.replace("/charts", "/private");
        ChartSubscription subscription = new ChartSubscription(privateRepo, "secret-app", "", 20, false, "", HERE);
        CredentialsProvider credentials = (url, kind) -> url.equals(privateRepo) && kind == CredentialKind.helm
                ? Optional.of(new Credentials.UsernamePassword(USER, PASSWORD)) : Optional.empty();

        assertThat(subscriber(credentials).discover(subscription))
                .extracting(DiscoveredChart::version).containsExactly("3.1.4");
        assertThatThrownBy(() -> subscriber(CredentialsProvider.NONE).discover(subscription))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("401 Unauthorized")
                .hasMessageContaining("the repository needs credentials")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void plainHttpToAHostOffLoopbackIsRefused() {
        ChartSubscription subscription = new ChartSubscription("http://charts.example.com", "myapp", "", 20, false,
                "", HERE);

        assertThatThrownBy(() -> subscriber(CredentialsProvider.NONE).discover(subscription))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("asks for plain HTTP to charts.example.com");
    }

    @Test
    void leavesOciRepositoriesToTheOciSubscriber() throws DiscoveryException {
        ChartSubscription oci = new ChartSubscription("oci://127.0.0.1:5000/charts/myapp", "", "", 20, false, "", HERE);
        DiscoveredChart fromOci = new DiscoveredChart(oci.repoURL(), "", "9.9.9");
        ChartSubscriber dispatch = new ChartSubscriber(subscriber(CredentialsProvider.NONE), s -> List.of(fromOci));

        assertThat(List.<DiscoveredArtifact>copyOf(dispatch.discover(oci))).containsExactly(fromOci);
        assertThat(dispatch.discover(subscription("myapp", "^1", 1))).extracting(DiscoveredArtifact::version)
                .containsExactly("1.10.0");
        assertThatThrownBy(() -> subscriber(CredentialsProvider.NONE).discover(oci))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is an OCI repository");
    }

    private ChartRepositorySubscriber subscriber(CredentialsProvider credentials) {
        return new ChartRepositorySubscriber(http, credentials);
    }

    private ChartSubscription subscription(String chart, String range, int limit) {
        return new ChartSubscription(repoURL, chart, range, limit, false, "", HERE);
    }

    /** An index as `helm repo index` writes it, with the fields around each version that discovery must skip. */
    private static byte[] index(Map<String, List<String>> charts) {
        String entries = charts.entrySet().stream().map(chart -> "  " + chart.getKey() + ":\n"
                + chart.getValue().stream().map(version -> """
                          - apiVersion: v2
                            appVersion: "%2$s"
                            created: "2024-11-14T15:30:45.123456789Z"
                            description: A Helm chart for %1$s
                            digest: 0c6e1b1ef3b4c5d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1
                            maintainers:
                              - name: team
                            name: %1$s
                            type: application
                            urls:
                              - %1$s-%2$s.tgz
                            version: "%2$s"
                        """.formatted(chart.getKey(), version)).collect(Collectors.joining()))
                .collect(Collectors.joining());
        return ("apiVersion: v1\nentries:\n" + entries + "generated: \"2024-11-14T15:30:45Z\"\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = files.get(path);
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        int status = body == null ? 404
                : path.startsWith("/private/") && !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                ? 401 : 200;
        byte[] answer = status == 200 ? body : new byte[0];
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
