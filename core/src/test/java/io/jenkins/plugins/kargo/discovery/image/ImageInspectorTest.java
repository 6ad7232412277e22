package io.jenkins.plugins.kargo.discovery.image;

import static io.jenkins.plugins.kargo.discovery.image.OciRegistryClientTest.uniqueRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.testkit.ImageFormat;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.PushedImage;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link ImageInspector} reading images that the test pushes to the real registry. */
class ImageInspectorTest {

    private static final Instant JAN = Instant.parse("2024-01-10T08:00:00Z");
    private static final Instant FEB = Instant.parse("2024-02-10T08:00:00Z");
    private static final Instant MAR = Instant.parse("2024-03-10T08:00:00Z");

    private final List<RegistryHttp.Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final OciRegistryClient client = new OciRegistryClient(RegistryHttp.builder().listener(exchanges::add).build());
    private final ImageInspector inspector = new ImageInspector();
    private final OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());

    private OciRegistryClient.Repository repository(String repo) {
        return client.repository(ImageRepository.parse(TestServices.registry() + "/" + repo), null, false);
    }

    @Test
    void readsAMultiArchIndexSkippingAttestations() throws Exception {
        String repo = uniqueRepository("multi");
        PushedImage pushed = pusher.image(repo).tag("v1.0.0").platforms("linux/amd64", "linux/arm64/v8")
                .created(FEB).withAttestation().push();

        ImageMetadata image = inspector.inspectTag(repository(repo), "v1.0.0", false).orElseThrow();

        assertThat(image.digest()).isEqualTo(pushed.digest());
        assertThat(image.platforms()).extracting(ImageMetadata.PlatformImage::platform)
                .containsExactly(new Platform("linux", "amd64", ""), new Platform("linux", "arm64", "v8"));
        assertThat(image.createdAt()).isEqualTo(FEB); // no annotation: the newest image of the index
        assertThat(image.platform(Platform.parse("linux/arm64/v8"))).isPresent();
        assertThat(image.platform(Platform.parse("linux/arm64"))).isEmpty(); // the variant must match too
    }

    @Test
    void aSingleImageRunsOnThePlatformItsConfigNames() throws Exception {
        String repo = uniqueRepository("single");
        pusher.image(repo).tag("v1.0.0").platform("linux/arm64/v8").push();
        pusher.image(repo).tag("v2.0.0").platforms("linux/amd64").format(ImageFormat.DOCKER).push();

        ImageMetadata arm = inspector.inspectTag(repository(repo), "v1.0.0", false).orElseThrow();
        ImageMetadata amd = inspector.inspectTag(repository(repo), "v2.0.0", false).orElseThrow();

        assertThat(arm.platforms()).as("no index entries").isEmpty();
        assertThat(arm.runsOn()).isEqualTo(new Platform("linux", "arm64", "v8"));
        assertThat(arm.matches(Platform.parse("linux/arm64/v8"))).isTrue();
        assertThat(arm.matches(Platform.parse("linux/arm64"))).as("no variant asked: any").isTrue();
        assertThat(arm.matches(Platform.parse("linux/arm64/v9"))).isFalse();
        assertThat(arm.matches(Platform.parse("linux/amd64"))).isFalse();
        assertThat(amd.runsOn()).isEqualTo(new Platform("linux", "amd64", ""));
        assertThat(amd.matches(Platform.parse("linux/amd64"))).isTrue();
        assertThat(amd.offered()).containsExactly("linux/amd64");
    }

    @Test
    void dockerManifestListsAreIndexesToo() throws Exception {
        String repo = uniqueRepository("docker-list");
        PushedImage pushed = pusher.image(repo).tag("2.0.0").platforms("linux/amd64", "linux/arm/v7")
                .format(ImageFormat.DOCKER).created(JAN).push();

        ImageMetadata image = inspector.inspectTag(repository(repo), "2.0.0", false).orElseThrow();

        assertThat(image.digest()).isEqualTo(pushed.digest());
        assertThat(image.platforms()).hasSize(2);
        assertThat(image.createdAt()).isEqualTo(JAN);
    }

    @Test
    void anIndexAnnotationDateWinsOverItsImages() throws Exception {
        String repo = uniqueRepository("index-annotated");
        pusher.image(repo).tag("1.0.0").platforms("linux/amd64", "linux/arm64").created(MAR)
                .indexAnnotation("org.opencontainers.image.created", JAN.toString()).push();

        assertThat(inspector.inspectTag(repository(repo), "1.0.0", false).orElseThrow().createdAt()).isEqualTo(JAN);
    }

    @Test
    void buildDateOfASingleImageFollowsKargosPrecedence() throws Exception {
        String repo = uniqueRepository("dates");
        // an annotation is authoritative even when older than the config
        pusher.image(repo).tag("annotated").created(MAR).annotation("org.opencontainers.image.created", JAN.toString()).push();
        // a label later than the config's created wins (config timestamps understate)
        pusher.image(repo).tag("labelled-later").created(JAN).label("org.label-schema.build-date", FEB.toString()).push();
        // a label earlier than the config's created (inherited from a base image) loses
        pusher.image(repo).tag("labelled-earlier").created(MAR).label("org.label-schema.build-date", JAN.toString()).push();
        pusher.image(repo).tag("config-only").created(FEB).push();

        assertThat(createdAt(repo, "annotated")).isEqualTo(JAN);
        assertThat(createdAt(repo, "labelled-later")).isEqualTo(FEB);
        assertThat(createdAt(repo, "labelled-earlier")).isEqualTo(MAR);
        assertThat(createdAt(repo, "config-only")).isEqualTo(FEB);
    }

    @Test
    void aMissingTagIsEmptyNotAnError() throws Exception {
        String repo = uniqueRepository("missing");
        pusher.image(repo).tag("1.0.0").push();

        assertThat(inspector.inspectTag(repository(repo), "9.9.9", false)).isEmpty();
    }

    @Test
    void anIndexOfAttestationsOnlyIsRejectedAsKargoDoes() throws Exception {
        String repo = uniqueRepository("empty-index");
        PushedImage pushed = pusher.image(repo).platforms("linux/amd64").withAttestation().push();
        // keep only the attestation entry of the index the fixture wrote, and store that as tag "broken"
        String index = get("/v2/" + repo + "/manifests/" + pushed.digest());
        String attestationOnly = index.replaceFirst("\\{[^{}]*\"digest\":\"" + pushed.digestFor("linux/amd64")
                + "\"[^{}]*\\{[^{}]*\\}[^{}]*\\},?", "");
        assertThat(attestationOnly).doesNotContain("\"amd64\"").contains("unknown");
        put("/v2/" + repo + "/manifests/broken", ImageFormat.OCI.indexMediaType(), attestationOnly);

        assertThatThrownBy(() -> inspector.inspectTag(repository(repo), "broken", false))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining(repo + ":broken")
                .hasMessageContaining("empty V2 manifest list or OCI index is not supported");
    }

    @Test
    void aSecondLookAtAnUnchangedTagCostsOneHead() throws Exception {
        String repo = uniqueRepository("cached");
        pusher.image(repo).tag("v1").platforms("linux/amd64", "linux/arm64").withAttestation().push();
        OciRegistryClient.Repository repository = repository(repo);

        ImageMetadata first = inspector.inspectTag(repository, "v1", false).orElseThrow();
        // HEAD tag, GET index, then per platform GET manifest + GET config
        assertThat(exchanges).extracting(RegistryHttp.Exchange::method)
                .containsExactly("HEAD", "GET", "GET", "GET", "GET", "GET");

        exchanges.clear();
        ImageMetadata second = inspector.inspectTag(repository, "v1", false).orElseThrow();
        assertThat(second).isEqualTo(first);
        assertThat(exchanges).extracting(RegistryHttp.Exchange::method).containsExactly("HEAD");

        exchanges.clear();
        inspector.inspectTag(repository, "v1", true);
        inspector.inspectTag(repository, "v1", true);
        assertThat(exchanges).as("cacheByTag asks the registry only the first time").hasSize(1);
    }

    private Instant createdAt(String repo, String tag) throws DiscoveryException {
        return inspector.inspectTag(repository(repo), tag, false).orElseThrow().createdAt();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(registryUri(path))
                .header("Accept", ImageFormat.OCI.indexMediaType()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void put(String path, String mediaType, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(registryUri(path))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static URI registryUri(String path) {
        return URI.create("http://" + TestServices.registry() + path);
    }
}
