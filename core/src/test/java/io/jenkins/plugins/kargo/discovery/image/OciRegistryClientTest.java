package io.jenkins.plugins.kargo.discovery.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link OciRegistryClient} against the real registries of {@code ci/services.sh}. */
class OciRegistryClientTest {

    private final List<RegistryHttp.Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final RegistryHttp http = RegistryHttp.builder().listener(exchanges::add).build();

    /** Registries outlive a test run: every test writes to a repository of its own. */
    static String uniqueRepository(String name) {
        return "discovery/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void listsEveryTagOfTheRealRegistry() throws Exception {
        String repo = uniqueRepository("listed");
        List<String> tags = IntStream.range(0, 25).mapToObj(i -> "1.0." + i).toList();
        OciImagePusher.anonymous(TestServices.registry()).image(repo).tags(tags).push();
        OciRegistryClient client = new OciRegistryClient(http, 10, 1000);

        List<String> listed = client.repository(ImageRepository.parse(TestServices.registry() + "/" + repo), null, false)
                .listTags();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(tags);
        assertThat(exchanges).extracting(e -> e.uri().getPath()).containsOnly("/v2/" + repo + "/tags/list");
    }

    /**
     * Debian's registry (distribution 2.8) ignores {@code n} on tag listings, so pagination is driven by a loopback
     * server that pages as distribution 3, Harbor and GHCR do: {@code n} and {@code last}, and a {@code Link} header
     * while more tags remain.
     */
    private static HttpServer pagingRegistry(List<String> sortedTags) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/team/app/tags/list", exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getQuery().split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            int n = Integer.parseInt(query.get("n"));
            String last = query.getOrDefault("last", "");
            List<String> after = sortedTags.stream().filter(t -> t.compareTo(last) > 0).toList();
            List<String> page = after.subList(0, Math.min(n, after.size()));
            if (after.size() > n) {
                exchange.getResponseHeaders().add("Link",
                        "</v2/team/app/tags/list?last=" + page.get(page.size() - 1) + "&n=" + n + ">; rel=\"next\"");
            }
            byte[] body = ("{\"name\":\"team/app\",\"tags\":[\"" + String.join("\",\"", page) + "\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void followsLinkHeadersAcrossPages() throws Exception {
        List<String> tags = IntStream.range(0, 25).mapToObj(i -> String.format("1.0.%02d", i)).toList();
        HttpServer server = pagingRegistry(tags);
        try {
            OciRegistryClient client = new OciRegistryClient(http, 10, 1000);
            String registry = "127.0.0.1:" + server.getAddress().getPort();

            List<String> listed = client.repository(ImageRepository.parse(registry + "/team/app"), null, false).listTags();

            assertThat(listed).containsExactlyElementsOf(tags);
            assertThat(exchanges).extracting(e -> e.uri().getRawQuery())
                    .containsExactly("n=10", "last=1.0.09&n=10", "last=1.0.19&n=10");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void listsTenThousandTagsInLargePages() throws Exception {
        List<String> tags = IntStream.range(0, 10_000).mapToObj(i -> String.format("2.%02d.%03d", i / 1000, i % 1000)).toList();
        HttpServer server = pagingRegistry(tags);
        try {
            String registry = "127.0.0.1:" + server.getAddress().getPort();

            List<String> listed = new OciRegistryClient(http).repository(ImageRepository.parse(registry + "/team/app"),
                    null, false).listTags();

            assertThat(listed).hasSize(10_000).containsExactlyElementsOf(tags);
            assertThat(exchanges).hasSize(10); // default pages of 1000
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesARepositoryWithMoreTagsThanTheLimitInsteadOfTruncating() {
        String repo = uniqueRepository("too-many");
        OciImagePusher.anonymous(TestServices.registry()).image(repo)
                .tags(IntStream.range(0, 12).mapToObj(i -> "t" + i).toList()).push();
        // the limit holds whether the registry pages (see above) or answers with everything at once (as this one does)
        OciRegistryClient client = new OciRegistryClient(http, 5, 10);

        assertThatThrownBy(() -> client.repository(ImageRepository.parse(TestServices.registry() + "/" + repo), null, false)
                .listTags())
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining(repo)
                .hasMessageContaining("more than 10 tags");
    }

    @Test
    void answersTheBasicChallengeWithCredentialsAndThenAuthenticatesUpFront() throws Exception {
        String registry = TestServices.authRegistry();
        String repo = uniqueRepository("basic");
        OciImagePusher.withCredentials(registry, TestServices.authRegistryUser(), TestServices.authRegistryPassword())
                .image(repo).tag("1.0.0").tag("1.1.0").push();
        OciRegistryClient client = new OciRegistryClient(http);
        Credentials credentials = new Credentials.UsernamePassword(TestServices.authRegistryUser(),
                TestServices.authRegistryPassword());
        OciRegistryClient.Repository repository = client.repository(ImageRepository.parse(registry + "/" + repo),
                credentials, false);

        assertThat(repository.listTags()).containsExactlyInAnyOrder("1.0.0", "1.1.0");
        assertThat(exchanges).extracting(RegistryHttp.Exchange::status).containsExactly(401, 200);

        exchanges.clear();
        assertThat(repository.manifestDigest("1.0.0")).isPresent();
        assertThat(exchanges).extracting(RegistryHttp.Exchange::status).containsExactly(200);
    }

    @Test
    void followsTheBearerChallengeAndReusesTheTokenUntilItExpires() throws Exception {
        String registry = TestServices.tokenRegistry();
        String repo = uniqueRepository("bearer");
        OciImagePusher.withCredentials(registry, TestServices.tokenRegistryUser(), TestServices.tokenRegistryPassword())
                .image(repo).tag("1.0.0").tag("2.0.0").push();
        OciRegistryClient client = new OciRegistryClient(http);
        Credentials credentials = new Credentials.UsernamePassword(TestServices.tokenRegistryUser(),
                TestServices.tokenRegistryPassword());
        OciRegistryClient.Repository repository = client.repository(ImageRepository.parse(registry + "/" + repo),
                credentials, false);
        String tokenPath = URI.create(TestServices.tokenServer()).getPath();

        assertThat(repository.listTags()).containsExactlyInAnyOrder("1.0.0", "2.0.0");
        assertThat(exchanges).extracting(e -> e.status() + " " + e.uri().getPath())
                .containsExactly("401 /v2/" + repo + "/tags/list", "200 " + tokenPath, "200 /v2/" + repo + "/tags/list");

        exchanges.clear();
        assertThat(repository.manifestDigest("2.0.0")).isPresent();
        assertThat(client.repository(ImageRepository.parse(registry + "/" + repo), credentials, false).listTags()).hasSize(2);
        assertThat(exchanges).as("the cached token is sent up front").extracting(RegistryHttp.Exchange::status)
                .containsExactly(200, 200);
    }

    @Test
    void anAnonymousTokenWithoutAccessSaysWhatToAdd() {
        String registry = TestServices.tokenRegistry();
        OciRegistryClient.Repository repository = new OciRegistryClient(http)
                .repository(ImageRepository.parse(registry + "/team/private"), null, false);

        assertThatThrownBy(repository::listTags)
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("/v2/team/private/tags/list")
                .hasMessageContaining("401 Unauthorized — no credentials for " + registry);
        assertThat(exchanges).extracting(RegistryHttp.Exchange::status).containsExactly(401, 200, 401);
    }

    @Test
    void credentialsTheTokenServiceRejectsAreReportedWithoutTheSecret() {
        String registry = TestServices.tokenRegistry();
        OciRegistryClient.Repository repository = new OciRegistryClient(http).repository(
                ImageRepository.parse(registry + "/team/app"),
                new Credentials.UsernamePassword(TestServices.tokenRegistryUser(), "not-the-password"), false);

        assertThatThrownBy(repository::listTags)
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("GET " + TestServices.tokenServer())
                .hasMessageContaining("401 Unauthorized — the token service rejected the credentials for " + registry)
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void aProtectedRegistryWithoutCredentialsSaysWhatToAdd() {
        String registry = TestServices.authRegistry();
        OciRegistryClient.Repository repository = new OciRegistryClient(http)
                .repository(ImageRepository.parse(registry + "/team/app"), null, false);

        assertThatThrownBy(repository::listTags)
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("GET http://" + registry + "/v2/team/app/tags/list?n=1000: 401 Unauthorized — no credentials for "
                        + registry + "; add image credentials for " + registry + "/team/app");
    }

    @Test
    void rejectedCredentialsAreReportedWithoutTheSecret() {
        String registry = TestServices.authRegistry();
        OciRegistryClient.Repository repository = new OciRegistryClient(http).repository(
                ImageRepository.parse(registry + "/team/app"), new Credentials.UsernamePassword("ci", "wrong-pass"), false);

        assertThatThrownBy(repository::listTags)
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("401 Unauthorized — the registry rejected the credentials for " + registry)
                .hasMessageNotContaining("wrong-pass");
    }

    @Test
    void anUnknownRepositoryIsANamedError() {
        String registry = TestServices.registry();
        OciRegistryClient.Repository repository = new OciRegistryClient(http)
                .repository(ImageRepository.parse(registry + "/no/such-repo"), null, false);

        assertThatThrownBy(repository::listTags)
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("404 Not Found — no repository " + registry + "/no/such-repo");
    }
}
