package io.jenkins.plugins.kargo.discovery.image;

import static io.jenkins.plugins.kargo.discovery.image.OciRegistryClientTest.uniqueRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.ImageSelectionStrategy;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.api.Subscription;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredImage;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.testkit.Fault;
import io.jenkins.plugins.kargo.testkit.FaultInjectingProxy;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.PushedImage;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageSubscriber} with every strategy, against images the tests push to the real registries. */
class ImageSubscriberTest {

    private static final SourceLocation WAREHOUSE = new SourceLocation("warehouses/services.yaml", 12, "spec.subscriptions[0].image");
    private static final List<String> SEED_PATTERNS = List.of(
            "^v[0-9]+\\.[0-9]+\\.[0-9]+-alpha\\.[0-9]+$",
            "^v[0-9]+\\.[0-9]+\\.[0-9]+-beta\\.[0-9]+$",
            "^v[0-9]+\\.[0-9]+\\.[0-9]+$");

    @TempDir
    Path dir;

    private final List<RegistryHttp.Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());

    private ImageSubscriber subscriber(RegistryHttp.Builder http, CredentialsProvider credentials) {
        return new ImageSubscriber(new OciRegistryClient(http.listener(exchanges::add).sleeper(waits::add).build()),
                new ImageInspector(), credentials, EventSink.NONE);
    }

    private ImageSubscriber subscriber() {
        return subscriber(RegistryHttp.builder(), CredentialsProvider.NONE);
    }

    private static ImageSubscription subscription(String repoURL, ImageSelectionStrategy strategy, String constraint,
                                                  List<String> allow, String platform, int limit) {
        return new ImageSubscription(repoURL, strategy, constraint, true, allow, List.of(), platform, limit,
                false, false, "", WAREHOUSE);
    }

    private static String repoURL(String repo) {
        return TestServices.registry() + "/" + repo;
    }

    @Test
    void theSeedsRangeAndPatternsRankStableOverBetaOverAlpha() throws Exception {
        String repo = uniqueRepository("user-service");
        Map<String, String> digests = new java.util.HashMap<>();
        List<String> tags = List.of("v1.2.3", "v1.2.3-beta.1", "v1.2.3-alpha.20241114153045", "v1.2.2",
                "v0.9.0-alpha.1", "v1.2.4-rc.1", "v2.0", "latest", "1.3.0");
        for (int i = 0; i < tags.size(); i++) {
            // multi-arch, as the seed subscribes with platform linux/amd64; each tag a different build
            PushedImage pushed = pusher.image(repo).tag(tags.get(i)).platforms("linux/amd64", "linux/arm64")
                    .withAttestation().created(Instant.parse("2024-11-14T15:30:45Z").plusSeconds(i)).push();
            digests.put(tags.get(i), pushed.digest());
        }
        ImageSubscription seed = subscription(repoURL(repo), ImageSelectionStrategy.SemVer, ">=1.0.0-alpha",
                SEED_PATTERNS, "linux/amd64", 10);
        ImageSubscriber subscriber = subscriber();

        List<DiscoveredImage> found = subscriber.discover(seed);

        assertThat(found).extracting(DiscoveredImage::tag)
                .containsExactly("v1.2.3", "v1.2.3-beta.1", "v1.2.3-alpha.20241114153045", "v1.2.2");
        assertThat(found).allSatisfy(image -> {
            assertThat(image.digest()).isEqualTo(digests.get(image.tag()));
            assertThat(image.repoURL()).isEqualTo(repoURL(repo));
        });
        // first discovery: 1 listing + per image HEAD, GET index, 2 x (GET manifest, GET config)
        assertThat(exchanges).hasSize(1 + 4 * 6);

        exchanges.clear();
        assertThat(subscriber.discover(seed)).isEqualTo(found);
        // unchanged repository: one listing and one HEAD per image, all metadata from the digest cache
        assertThat(exchanges).extracting(e -> e.method() + " " + e.uri().getPath().replace("/v2/" + repo, ""))
                .containsExactlyInAnyOrder("GET /tags/list", "HEAD /manifests/v1.2.3", "HEAD /manifests/v1.2.3-beta.1",
                        "HEAD /manifests/v1.2.3-alpha.20241114153045", "HEAD /manifests/v1.2.2");
    }

    @Test
    void discoveryLimitKeepsTheBestCandidates() throws Exception {
        String repo = uniqueRepository("limited");
        for (String tag : List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0-rc.1")) {
            pusher.image(repo).tag(tag).created(Instant.parse("2024-01-01T00:00:00Z")).label("tag", tag).push();
        }

        List<DiscoveredImage> found = subscriber().discover(
                subscription(repoURL(repo), ImageSelectionStrategy.SemVer, "^1.0.0", List.of(), "", 2));

        assertThat(found).extracting(DiscoveredImage::tag).containsExactly("1.2.0", "1.1.0");
    }

    @Test
    void aPlatformSelectsIndexesByAnEntryAndSingleImagesByTheirConfig() throws Exception {
        String repo = uniqueRepository("platforms");
        PushedImage both = pusher.image(repo).tag("1.0.0").platforms("linux/amd64", "linux/arm64/v8")
                .annotation("org.opencontainers.image.source", "https://example.com/app").push();
        pusher.image(repo).tag("2.0.0").platforms("linux/arm64/v8").asIndex().push();
        pusher.image(repo).tag("3.0.0").platform("linux/amd64").push(); // a plain manifest, as most CI pipelines push
        pusher.image(repo).tag("4.0.0").platform("linux/arm64/v8").push();

        ImageSubscriber subscriber = subscriber();
        assertThat(subscriber.discover(subscription(repoURL(repo), ImageSelectionStrategy.SemVer, "", List.of(),
                "linux/amd64", 10))).extracting(DiscoveredImage::tag).containsExactly("3.0.0", "1.0.0");
        assertThat(subscriber.discover(subscription(repoURL(repo), ImageSelectionStrategy.SemVer, "", List.of(),
                "linux/arm64/v8", 10))).extracting(DiscoveredImage::tag).containsExactly("4.0.0", "2.0.0", "1.0.0");
        assertThat(subscriber.discover(subscription(repoURL(repo), ImageSelectionStrategy.SemVer, "", List.of(),
                "linux/arm64", 10))).as("an index entry matches on all three parts, as in Kargo; a single image's "
                + "config when the constraint names no variant").extracting(DiscoveredImage::tag).containsExactly("4.0.0");
        List<DiscoveredImage> unconstrained = subscriber.discover(subscription(repoURL(repo),
                ImageSelectionStrategy.SemVer, "", List.of(), "", 10));
        assertThat(unconstrained).extracting(DiscoveredImage::tag).containsExactly("4.0.0", "3.0.0", "2.0.0", "1.0.0");
        assertThat(unconstrained.get(3).digest()).isEqualTo(both.digest());
    }

    /** The seed's services-warehouse as written, against single-platform images in the real registry. */
    @Test
    void theSeedsWarehouseSelectsSinglePlatformAmd64ImagesAndSkipsAnArm64OnlyTag() throws Exception {
        String namespace = uniqueRepository("seed");
        Path config = ExampleProject.copyTo(dir, Map.of("harbor.yourdomain.com/services/",
                TestServices.registry() + "/" + namespace + "/"));
        Warehouse warehouse = new ConfigLoader().load(config).warehouse("myapp", "services-warehouse").orElseThrow();
        Map<String, String> digests = new java.util.HashMap<>();
        for (String service : ExampleProject.services()) {
            String repo = namespace + "/" + service;
            digests.put(service + ":v1.0.0", pusher.image(repo).tag("v1.0.0").platform("linux/amd64").push().digest());
            digests.put(service + ":v1.1.0", pusher.image(repo).tag("v1.1.0").platforms("linux/amd64", "linux/arm64")
                    .push().digest());
            pusher.image(repo).tag("v1.2.0").platform("linux/arm64").push(); // the newest, but not for linux/amd64
        }

        ImageSubscriber subscriber = subscriber();
        for (Subscription subscription : warehouse.subscriptions()) {
            ImageSubscription image = (ImageSubscription) subscription;
            String service = image.repoURL().substring(image.repoURL().lastIndexOf('/') + 1);
            assertThat(image.platform()).isEqualTo("linux/amd64");

            List<DiscoveredImage> found = subscriber.discover(image);

            assertThat(found).extracting(DiscoveredImage::tag).as(service).containsExactly("v1.1.0", "v1.0.0");
            assertThat(found).extracting(DiscoveredImage::digest)
                    .containsExactly(digests.get(service + ":v1.1.0"), digests.get(service + ":v1.0.0"));
        }
    }

    @Test
    void whenOnlyThePlatformStandsInTheWayTheErrorSaysHowManyTagsAndWhichPlatforms() throws Exception {
        String repo = uniqueRepository("arm-only");
        pusher.image(repo).tag("1.0.0").platform("linux/arm64").push();
        pusher.image(repo).tag("1.1.0").platforms("linux/arm/v7", "linux/arm64").push();
        pusher.image(repo).tag("nightly").platform("linux/amd64").push(); // not a semver tag: never considered

        assertThatThrownBy(() -> subscriber().discover(subscription(repoURL(repo), ImageSelectionStrategy.SemVer, "",
                List.of(), "linux/amd64", 10)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("image " + repoURL(repo) + " (warehouses/services.yaml:12 spec.subscriptions[0].image): "
                        + "no image for platform linux/amd64: 2 tags passed the constraint and tag patterns but their "
                        + "images run on linux/arm/v7, linux/arm64 only; check the subscription's platform");
    }

    @Test
    void lexicalRanksTheGreatestStringFirst() throws Exception {
        String repo = uniqueRepository("lexical");
        for (String tag : List.of("build-2024.10", "build-2024.09", "build-2024.11", "nightly")) {
            pusher.image(repo).tag(tag).label("tag", tag).push();
        }

        List<DiscoveredImage> found = subscriber().discover(subscription(repoURL(repo), ImageSelectionStrategy.Lexical,
                "", List.of("^build-"), "", 10));

        assertThat(found).extracting(DiscoveredImage::tag).containsExactly("build-2024.11", "build-2024.10", "build-2024.09");
    }

    @Test
    void newestBuildOrdersByBuildDateNotByTag() throws Exception {
        String repo = uniqueRepository("newest");
        pusher.image(repo).tag("aaa").created(Instant.parse("2024-03-01T00:00:00Z")).push();
        pusher.image(repo).tag("zzz").created(Instant.parse("2024-01-01T00:00:00Z")).push();
        pusher.image(repo).tag("mmm").created(Instant.parse("2024-02-01T00:00:00Z")).push();
        // an annotation beats the config date, and a multi-arch index takes its newest image's date
        pusher.image(repo).tag("annotated").created(Instant.parse("2024-06-01T00:00:00Z"))
                .annotation("org.opencontainers.image.created", "2023-12-01T00:00:00Z").push();
        pusher.image(repo).tag("multi").platforms("linux/amd64", "linux/arm64").created(Instant.parse("2024-04-01T00:00:00Z")).push();

        List<DiscoveredImage> found = subscriber().discover(subscription(repoURL(repo),
                ImageSelectionStrategy.NewestBuild, "", List.of(), "", 4));

        assertThat(found).extracting(DiscoveredImage::tag).containsExactly("multi", "aaa", "mmm", "zzz");
        assertThat(found.get(0).createdAt()).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
    }

    @Test
    void digestFollowsAMutableTag() throws Exception {
        String repo = uniqueRepository("digest");
        String first = pusher.image(repo).tag("latest").created(Instant.parse("2024-01-01T00:00:00Z")).push().digest();
        ImageSubscription latest = subscription(repoURL(repo), ImageSelectionStrategy.Digest, "latest", List.of(), "", 20);
        ImageSubscriber subscriber = subscriber();

        assertThat(subscriber.discover(latest)).extracting(DiscoveredImage::digest).containsExactly(first);

        String second = pusher.image(repo).tag("latest").created(Instant.parse("2024-02-01T00:00:00Z")).push().digest();
        exchanges.clear();
        List<DiscoveredImage> moved = subscriber.discover(latest);
        assertThat(moved).extracting(DiscoveredImage::digest).containsExactly(second);
        assertThat(moved.get(0).tag()).isEqualTo("latest");
        assertThat(exchanges).as("no tag listing for Digest").noneMatch(e -> e.uri().getPath().endsWith("/tags/list"));

        assertThat(subscriber.discover(subscription(repoURL(repo), ImageSelectionStrategy.Digest, "stable", List.of(), "", 20)))
                .as("a missing tag finds nothing").isEmpty();
    }

    @Test
    void readsAProtectedRegistryWithTheCredentialsTheProviderGives() throws Exception {
        String registry = TestServices.authRegistry();
        String repo = uniqueRepository("private");
        OciImagePusher.withCredentials(registry, TestServices.authRegistryUser(), TestServices.authRegistryPassword())
                .image(repo).tag("1.0.0").tag("1.1.0").push();
        List<String> asked = new ArrayList<>();
        CredentialsProvider provider = (url, kind) -> {
            asked.add(kind + " " + url);
            return Optional.of(new Credentials.UsernamePassword(TestServices.authRegistryUser(),
                    TestServices.authRegistryPassword()));
        };

        List<DiscoveredImage> found = subscriber(RegistryHttp.builder(), provider).discover(
                subscription(registry + "/" + repo, ImageSelectionStrategy.SemVer, "", List.of(), "", 10));

        assertThat(found).extracting(DiscoveredImage::tag).containsExactly("1.1.0", "1.0.0");
        assertThat(asked).containsExactly("image " + registry + "/" + repo);
    }

    @Test
    void retriesThroughRateLimitsServerErrorsAndDroppedConnections() throws Exception {
        String repo = uniqueRepository("flaky");
        pusher.image(repo).tag("1.0.0").tag("1.1.0").push();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(TestServices.registry())) {
            // The JDK client itself resends a GET once when a kept-alive connection closes without an answer, so it
            // takes two dropped connections in a row for a reset to reach our retry.
            proxy.inject("/v2/.+/tags/list", Fault.tooManyRequests(Duration.ofSeconds(7)), Fault.serverError(),
                    Fault.dropConnection(), Fault.dropConnection());
            proxy.inject("/v2/.+/manifests/1.1.0", Fault.serviceUnavailable().withHeader("Retry-After", "2"));

            List<DiscoveredImage> found = subscriber(RegistryHttp.builder().maxAttempts(4)
                    .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), CredentialsProvider.NONE)
                    .discover(subscription(proxy.address() + "/" + repo, ImageSelectionStrategy.SemVer, "", List.of(), "", 1));

            assertThat(found).extracting(DiscoveredImage::tag).containsExactly("1.1.0");
            assertThat(proxy.pendingFaults()).isZero();
            assertThat(proxy.requestCount("/v2/" + repo + "/tags/list")).isEqualTo(5);
            assertThat(waits).hasSize(4);
            assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(7)); // Retry-After of the 429
            assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(300)); // 2nd backoff ±50%
            assertThat(waits.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600)); // 3rd backoff ±50%
            assertThat(waits.get(3)).isEqualTo(Duration.ofSeconds(2)); // Retry-After of the 503
        }
    }

    @Test
    void aSlowRegistryTimesOutAndIsRetried() throws Exception {
        String repo = uniqueRepository("slow");
        pusher.image(repo).tag("1.0.0").push();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(TestServices.registry())) {
            proxy.inject("/v2/.+/tags/list", Fault.delay(Duration.ofSeconds(30)));

            List<DiscoveredImage> found = subscriber(RegistryHttp.builder()
                    .responseHeaderTimeout(Duration.ofSeconds(2)), CredentialsProvider.NONE)
                    .discover(subscription(proxy.address() + "/" + repo, ImageSelectionStrategy.SemVer, "", List.of(), "", 5));

            assertThat(found).extracting(DiscoveredImage::tag).containsExactly("1.0.0");
            // the timeout also bounds the retries, which a loaded machine may slow past it: each is counted
            long listings = proxy.requestCount("/v2/" + repo + "/tags/list");
            assertThat(listings).as("the delayed listing, then its retries").isGreaterThanOrEqualTo(2);
            assertThat(exchanges).filteredOn(e -> e.uri().getPath().endsWith("/tags/list"))
                    .extracting(RegistryHttp.Exchange::status).as("timed out, then answered")
                    .startsWith(-1).endsWith(200).hasSize((int) listings);
            assertThat(waits).as("a backoff before each retry").hasSize((int) listings - 1);
        }
    }

    @Test
    void aRegistryThatKeepsFailingIsReportedWithTheRepositoryAndWhere() throws Exception {
        String repo = uniqueRepository("down");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(TestServices.registry())) {
            proxy.inject("/v2/.+/tags/list", Fault.times(3, Fault.serviceUnavailable()));
            String repoURL = proxy.address() + "/" + repo;

            assertThatThrownBy(() -> subscriber(RegistryHttp.builder().maxAttempts(3), CredentialsProvider.NONE)
                    .discover(subscription(repoURL, ImageSelectionStrategy.SemVer, "", List.of(), "", 5)))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessage("image " + repoURL + " (warehouses/services.yaml:12 spec.subscriptions[0].image): GET http://"
                            + proxy.address() + "/v2/" + repo + "/tags/list?n=1000: 503 Service Unavailable (after 3 attempts)");
        }
    }

    @Test
    void anUnreachableRegistryNamesTheRepository() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String repoURL = "127.0.0.1:" + closedPort + "/team/app";

        assertThatThrownBy(() -> subscriber(RegistryHttp.builder().maxAttempts(2), CredentialsProvider.NONE)
                .discover(subscription(repoURL, ImageSelectionStrategy.SemVer, "", List.of(), "", 5)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("image " + repoURL + " (warehouses/services.yaml:12")
                .hasMessageContaining("connection failed after 2 attempts");
    }

    @Test
    void badSubscriptionValuesAreNamedErrors() {
        assertThatThrownBy(() -> subscriber().discover(subscription(repoURL("team/app"), ImageSelectionStrategy.SemVer,
                ">=1.0.0 <<2", List.of(), "", 5)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("image " + repoURL("team/app") + " (warehouses/services.yaml:12");
        assertThatThrownBy(() -> subscriber().discover(subscription(repoURL("team/app"), ImageSelectionStrategy.SemVer,
                "", List.of(), "linux", 5)))
                .hasMessageContaining("platform 'linux' is not os/arch[/variant]");
        assertThatThrownBy(() -> subscriber().discover(subscription(repoURL("team/app"), ImageSelectionStrategy.Digest,
                "", List.of(), "", 5)))
                .hasMessageContaining("the Digest strategy needs the tag to track in constraint");
    }
}
