package io.jenkins.plugins.kargo.discovery.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    @Test
    void followsLinkHeadersAcrossPages() throws Exception {
        List<String> tags = IntStream.range(0, 25).mapToObj(i -> String.format("1.0.%02d", i)).toList();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/team/app/tags/list", exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getQuery().split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            int n = Integer.parseInt(query.get("n"));
            List<String> after = tags.stream().filter(t -> t.compareTo(query.getOrDefault("last", "")) > 0).toList();
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
