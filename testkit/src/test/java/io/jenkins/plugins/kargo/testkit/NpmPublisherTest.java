package io.jenkins.plugins.kargo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class NpmPublisherTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    private NpmPublisher publisher() {
        return NpmPublisher.signUp(TestServices.npmRegistry(), "testkit-" + id, "pw-" + id);
    }

    private HttpResponse<byte[]> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void publishesScopedVersionsWithDistTagsThatAnonymousReadersSee() throws Exception {
        NpmPublisher npm = publisher();
        String name = "@yourorg/user-lib-" + id;

        npm.publish(name, "1.0.0");
        PublishedVersion stable = npm.publish(name, "1.2.3");
        npm.publish(name, "1.3.0-beta.1", "beta");
        npm.distTag(name, "stable", "1.0.0");

        HttpResponse<byte[]> response = get(TestServices.npmRegistry() + "/" + name.replace("/", "%2f"), null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode packument = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        List<String> versions = new ArrayList<>();
        packument.get("versions").fieldNames().forEachRemaining(versions::add);
        assertThat(versions).containsExactlyInAnyOrder("1.0.0", "1.2.3", "1.3.0-beta.1");
        assertThat(packument.at("/dist-tags/latest").asText()).isEqualTo("1.2.3");
        assertThat(packument.at("/dist-tags/beta").asText()).isEqualTo("1.3.0-beta.1");
        assertThat(packument.at("/dist-tags/stable").asText()).isEqualTo("1.0.0");
        assertThat(packument.at("/versions/1.2.3/dist/integrity").asText()).isEqualTo(stable.integrity());

        byte[] tarball = get(packument.at("/versions/1.2.3/dist/tarball").asText(), null).body();
        assertThat("sha512-" + Base64.getEncoder().encodeToString(Digests.digest("SHA-512", tarball)))
                .isEqualTo(stable.integrity());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tarball)))) {
            assertThat(tar.getNextEntry().getName()).isEqualTo("package/package.json");
            assertThat(new String(tar.readAllBytes())).contains("\"version\" : \"1.2.3\"");
        }
    }

    @Test
    void publishesUnscopedPackages() {
        NpmPublisher npm = publisher();
        String name = "kargo-testkit-" + id;

        npm.publish(name, "0.1.0");

        assertThat(npm.packument(name).at("/dist-tags/latest").asText()).isEqualTo("0.1.0");
    }

    @Test
    void privateScopeNeedsTheTokenToRead() throws Exception {
        NpmPublisher npm = publisher();
        String name = "@private/secret-lib-" + id;
        npm.publish(name, "2.0.0");
        String url = TestServices.npmRegistry() + "/" + name.replace("/", "%2f");

        assertThat(get(url, null).statusCode()).isIn(401, 403);
        assertThat(get(url, npm.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void logsInWhenTheUserExistsAndRefusesAWrongPassword() {
        NpmPublisher first = publisher();
        NpmPublisher again = publisher();
        again.publish("kargo-relogin-" + id, "1.0.0");
        assertThat(first.toString()).doesNotContain(first.token());

        assertThatThrownBy(() -> NpmPublisher.signUp(TestServices.npmRegistry(), "testkit-" + id, "wrong"))
                .hasMessageContaining("refused user testkit-" + id)
                .hasMessageNotContaining("wrong");
    }
}
