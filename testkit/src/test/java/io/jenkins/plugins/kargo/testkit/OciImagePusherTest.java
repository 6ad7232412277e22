package io.jenkins.plugins.kargo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OciImagePusherTest {

    /** Registries outlive a test run: every test writes to a repository of its own. */
    private static String repository(String name) {
        return "testkit/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void pushesASinglePlatformImageWhoseManifestAndConfigReadBack() throws Exception {
        OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());
        String repo = repository("single");
        Instant created = Instant.parse("2024-11-14T15:30:45Z");

        PushedImage pushed = pusher.image(repo).tag("v1.2.3").platform("linux/arm64").created(created)
                .label("org.label-schema.build-date", "2024-11-14T15:30:45Z")
                .annotation("org.opencontainers.image.created", "2024-11-14T15:30:46Z")
                .push();

        RegistryReader reader = new RegistryReader(TestServices.registry());
        HttpResponse<byte[]> manifest = reader.get("/v2/" + repo + "/manifests/v1.2.3");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(pushed.digest());
        assertThat(manifest.headers().firstValue("Content-Type")).contains(ImageFormat.OCI.manifestMediaType());
        assertThat(Digests.sha256(manifest.body())).isEqualTo(pushed.digest());
        assertThat(pushed.platformDigests()).containsExactly(java.util.Map.entry("linux/arm64", pushed.digest()));

        JsonNode manifestJson = reader.getJson("/v2/" + repo + "/manifests/" + pushed.digest());
        assertThat(manifestJson.at("/annotations/org.opencontainers.image.created").asText())
                .isEqualTo("2024-11-14T15:30:46Z");
        JsonNode config = reader.getJson("/v2/" + repo + "/blobs/" + manifestJson.at("/config/digest").asText());
        assertThat(Instant.parse(config.get("created").asText())).isEqualTo(created);
        assertThat(config.get("architecture").asText()).isEqualTo("arm64");
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.at("/config/Labels/org.label-schema.build-date").asText()).isEqualTo("2024-11-14T15:30:45Z");
        HttpResponse<byte[]> layer = reader.get("/v2/" + repo + "/blobs/" + manifestJson.at("/layers/0/digest").asText());
        assertThat(layer.statusCode()).isEqualTo(200);
        assertThat(layer.body()).hasSize(manifestJson.at("/layers/0/size").asInt());
    }

    @Test
    void samePushTwiceGivesTheSameDigestAndADifferentBuildGivesAnother() {
        OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());
        String repo = repository("stable");
        String first = pusher.image(repo).tag("a").created(Instant.parse("2024-01-01T00:00:00Z")).push().digest();
        String again = pusher.image(repo).tag("b").created(Instant.parse("2024-01-01T00:00:00Z")).push().digest();
        String later = pusher.image(repo).tag("c").created(Instant.parse("2024-01-02T00:00:00Z")).push().digest();
        assertThat(again).isEqualTo(first);
        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void pushesAMultiArchIndexWithBuildKitAttestations() throws Exception {
        OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());
        String repo = repository("multi");

        PushedImage pushed = pusher.image(repo).tag("v2.0.0")
                .platforms("linux/amd64", "linux/arm64", "linux/arm/v7")
                .indexAnnotation("org.opencontainers.image.created", "2024-11-14T15:30:45Z")
                .withAttestation()
                .push();

        RegistryReader reader = new RegistryReader(TestServices.registry());
        HttpResponse<byte[]> response = reader.get("/v2/" + repo + "/manifests/v2.0.0");
        assertThat(response.headers().firstValue("Content-Type")).contains(ImageFormat.OCI.indexMediaType());
        assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(pushed.digest());
        JsonNode index = reader.getJson("/v2/" + repo + "/manifests/v2.0.0");
        assertThat(index.at("/annotations/org.opencontainers.image.created").asText()).isEqualTo("2024-11-14T15:30:45Z");
        List<String> platforms = new ArrayList<>();
        for (JsonNode entry : index.get("manifests")) {
            JsonNode platform = entry.get("platform");
            platforms.add(platform.get("os").asText() + "/" + platform.get("architecture").asText()
                    + (platform.has("variant") ? "/" + platform.get("variant").asText() : ""));
            assertThat(reader.get("/v2/" + repo + "/manifests/" + entry.get("digest").asText()).statusCode()).isEqualTo(200);
        }
        assertThat(platforms).containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7",
                "unknown/unknown", "unknown/unknown", "unknown/unknown");
        assertThat(pushed.platformDigests().keySet()).containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");
        assertThat(pushed.platformDigests().values()).doesNotHaveDuplicates();
        JsonNode attestation = index.get("manifests").get(3);
        assertThat(attestation.at("/annotations/vnd.docker.reference.type").asText()).isEqualTo("attestation-manifest");
        assertThat(attestation.at("/annotations/vnd.docker.reference.digest").asText())
                .isEqualTo(pushed.digestFor("linux/amd64"));
        JsonNode armConfig = reader.getJson("/v2/" + repo + "/blobs/" + reader.getJson("/v2/" + repo + "/manifests/"
                + pushed.digestFor("linux/arm/v7")).at("/config/digest").asText());
        assertThat(armConfig.get("variant").asText()).isEqualTo("v7");
    }

    @Test
    void pushesADockerManifestList() throws Exception {
        OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());
        String repo = repository("docker");

        PushedImage pushed = pusher.image(repo).tag("1.0").format(ImageFormat.DOCKER)
                .platforms("linux/amd64", "linux/arm64").push();

        RegistryReader reader = new RegistryReader(TestServices.registry());
        HttpResponse<byte[]> list = reader.get("/v2/" + repo + "/manifests/1.0");
        assertThat(list.headers().firstValue("Content-Type")).contains(ImageFormat.DOCKER.indexMediaType());
        assertThat(pushed.mediaType()).isEqualTo(ImageFormat.DOCKER.indexMediaType());
        HttpResponse<byte[]> child = reader.get("/v2/" + repo + "/manifests/" + pushed.digestFor("linux/arm64"));
        assertThat(child.headers().firstValue("Content-Type")).contains(ImageFormat.DOCKER.manifestMediaType());
        assertThatThrownBy(() -> pusher.image(repo).format(ImageFormat.DOCKER).annotation("a", "b").push())
                .hasMessageContaining("use format(ImageFormat.OCI)");
    }

    @Test
    void answersTheBasicChallengeOfTheAuthenticatedRegistry() throws Exception {
        String repo = repository("basic");
        OciImagePusher pusher = OciImagePusher.withCredentials(TestServices.authRegistry(),
                TestServices.authRegistryUser(), TestServices.authRegistryPassword());

        PushedImage pushed = pusher.image(repo).tag("v1.0.0").push();

        assertThat(new RegistryReader(TestServices.authRegistry()).get("/v2/" + repo + "/manifests/v1.0.0").statusCode())
                .isEqualTo(401);
        RegistryReader reader = new RegistryReader(TestServices.authRegistry(),
                RegistryReader.basic(TestServices.authRegistryUser(), TestServices.authRegistryPassword()));
        assertThat(reader.get("/v2/" + repo + "/manifests/v1.0.0").headers().firstValue("Docker-Content-Digest"))
                .contains(pushed.digest());
        assertThatThrownBy(() -> OciImagePusher.anonymous(TestServices.authRegistry()).image(repo).tag("x").push())
                .hasMessageContaining("answered 401");
    }

    @Test
    void tagsOneManifestThousandsOfTimes() throws Exception {
        OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());
        String repo = repository("many");
        List<String> tags = IntStream.range(0, 2_000).mapToObj(i -> "1." + i / 100 + "." + i % 100).toList();

        long start = System.nanoTime();
        PushedImage pushed = pusher.image(repo).tags(tags).push();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("tagged %s with %d tags in %d ms%n", repo, tags.size(), took.toMillis());

        JsonNode listed = new RegistryReader(TestServices.registry()).getJson("/v2/" + repo + "/tags/list?n=20000");
        List<String> names = new ArrayList<>();
        listed.get("tags").forEach(tag -> names.add(tag.asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(tags);
        assertThat(pushed.tags()).hasSize(2_000);
    }
}
