package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kargo.CrudKubernetesMock;
import io.jenkins.plugins.kargo.MockApiRequests;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAliases;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.CanaryMetrics;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.PrometheusServer;
import io.jenkins.plugins.kargo.testkit.TestServices;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import io.jenkins.plugins.kargo.verification.job.FakeJobController;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's "complete promotion flow", end to end, with the delivery loop doing the work: images pushed to the real
 * local registry are discovered, promoted into a real bare git repository of kustomize overlays and verified by the
 * example's own analysis templates — dev's smoke test against a local HTTP server, staging's three test Jobs on
 * fabric8's Kubernetes mock server in CRUD mode (no API server can run here; {@link FakeJobController} plays the Job
 * controller), uat's sign-off by a person, preprod's canary metrics against a real Prometheus whose data
 * {@code promtool} built ({@link CanaryMetrics}), with the canary's pod hash read from an Argo Rollouts Rollout on
 * the mock server.
 *
 * <p>This copy of the example differs from the seed only where the seed names the outside world: the registry, git
 * server, Prometheus and service URLs are the local ones; {@code argoCDAppUpdates} are cut (tested on their own);
 * measurement intervals of 10 s and 1 m are 1 s so the test takes seconds; and preprod rolls back automatically on a
 * failed verification. The engine's clock is set back to the day the canary data was recorded, so that Prometheus
 * answers for "now".
 */
@ExtendWith(CrudKubernetesMock.class)
class DeliveryLoopTest {

    static final String PROJECT = "myapp";
    static final List<String> STAGES = List.of("dev", "staging", "uat", "preprod", "production");
    static final Duration PATIENCE = Duration.ofMinutes(3);
    static final ResourceDefinitionContext ROLLOUT = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withPlural("rollouts").withKind("Rollout")
            .withNamespaced(true).build();

    MockApiRequests requests;
    KubernetesClient client;

    @TempDir
    Path dir;

    String images;
    BareGitRepository gitops;
    HttpServer service;
    PrometheusServer prometheus;
    FakeJobController jobs;
    KargoEngine engine;
    DeliveryLoop loop;
    final List<DeliveryEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        images = TestServices.registry() + "/e2e-" + UUID.randomUUID().toString().substring(0, 8);
        gitops = BareGitRepository.create(dir, "gitops-config");
        Map<String, String> overlays = new LinkedHashMap<>();
        for (String stage : STAGES) {
            StringBuilder kustomization = new StringBuilder("""
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - ../../base
                    images:
                    """);
            for (String name : ExampleProject.services()) {
                kustomization.append("  - name: ").append(images).append('/').append(name).append("\n    newTag: v0.9.0\n");
            }
            overlays.put("overlays/" + stage + "/kustomization.yaml", kustomization.toString());
        }
        gitops.commit("overlays", Instant.parse("2024-11-01T00:00:00Z"), overlays);

        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.start();
        Path data = Files.createDirectories(dir.resolve("prometheus"));
        prometheus = PrometheusServer.start(data, CanaryMetrics.openMetrics(4 * 60 * 2));
        jobs = new FakeJobController(client, requests, FakeJobController.Reaction.complete("all tests passed\n"));
        rollout(CanaryMetrics.HEALTHY);

        Path config = ExampleProject.copyTo(dir.resolve("kargo"), Map.ofEntries(
                Map.entry("harbor.yourdomain.com/services", images),
                Map.entry("https://verdaccio.yourdomain.com", TestServices.npmRegistry()),
                Map.entry("https://github.com/yourorg/gitops-config.git", gitops.fileUrl()),
                Map.entry("http://user-service.dev.svc.cluster.local", "http://127.0.0.1:" + service.getAddress().getPort()),
                Map.entry("http://prometheus.monitoring.svc:9090", prometheus.address()),
                Map.entry("interval: 10s", "interval: 1s"),
                Map.entry("interval: 1m", "interval: 1s"),
                Map.entry("interval: 5m", "interval: 1s"),
                Map.entry("https://hooks.slack.com/services/YOUR/WEBHOOK/URL", "http://127.0.0.1:9/unused"),
                Map.entry("    - stage: preprod\n      autoPromotionEnabled: false  # Manual gate",
                        "    - stage: preprod\n      autoPromotionEnabled: false  # Manual gate\n"
                                + "      autoRollback:\n        onVerification: [Failed]")));
        try (Stream<Path> stages = Files.list(config.resolve("stages"))) {
            for (Path stage : stages.toList()) {
                Files.writeString(stage, Files.readString(stage)
                        .replaceAll("(?m)^    argoCDAppUpdates:\\n(?:      .*\\n)*", ""));
            }
        }
        start(config);
    }

    /** Opens the engine over the test's state and starts its loop, as a process starting `kargo serve` does. */
    private void start(Path config) throws Exception {
        // the canary data was recorded from CanaryMetrics.START: the engine lives five minutes into it
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), CanaryMetrics.START.plus(Duration.ofMinutes(5))));
        Supplier<KubernetesClient> kubernetes = () -> client;
        engine = KargoEngine.builder(KargoStore.open(dir.resolve("state"), clock, FreightAliases.unseeded()))
                .kubernetes(kubernetes).clock(clock).build();
        engine.addListener(events::add);
        if (config != null) {
            engine.apply(config);
        }
        loop = DeliveryLoop.start(engine, Duration.ofMillis(200), EventSink.NONE, clock);
    }

    /** Stops the loop and closes the engine, as a stopped process does: what runs is interrupted. */
    private void stop() {
        loop.close();
        engine.close();
    }

    @AfterEach
    void tearDown() {
        stop();
        if (jobs != null) {
            jobs.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void newImagesFlowToTheUatGateAndAFailingCanaryInPreprodRollsItBack() throws Exception {
        // 1. a release is pushed: the loop takes it dev → staging, verified in each, and stops at uat's gate
        Freight first = release("v1.0.0");
        awaitTrue("v1.0.0 verified in staging", () -> verifiedIn(first, "staging"));
        assertThat(current("dev")).isEqualTo(first.name());
        assertThat(current("staging")).isEqualTo(first.name());
        assertThat(tags("staging")).containsOnly("v1.0.0");
        VerificationRun staging = engine.store().verifications().latest(PROJECT, "staging").orElseThrow();
        assertThat(staging.metrics()).extracting(m -> m.name())
                .containsExactly("integration-test-suite", "e2e-test-suite", "load-test");
        assertThat(jobs.seen).extracting(j -> j.getSpec().getTemplate().getSpec().getContainers().get(0).getName())
                .as("the three Jobs, run together").containsExactlyInAnyOrder("integration-tests", "e2e-tests", "k6");
        VerificationRun dev = engine.store().verifications().latest(PROJECT, "dev").orElseThrow();
        assertThat(dev.metrics().get(0).measurements()).as("the smoke test's count: 3").hasSize(3);
        assertThat(engine.store().promotions().list(PROJECT, "uat")).as("uat is a manual gate").isEmpty();
        assertThat(engine.availability(PROJECT, "uat", first.name()).available()).isTrue();

        // 2. by hand through uat (a person signs off) into preprod, whose canary is healthy
        promoteThroughUat(first);
        promote("preprod", first);
        awaitTrue("v1.0.0 verified in preprod", () -> verifiedIn(first, "preprod"));
        assertThat(engine.store().verifications().latest(PROJECT, "preprod").orElseThrow().metrics())
                .extracting(m -> m.measurements().size()).containsExactly(5, 5);

        // 3. the next release gets as far as uat the same way; in preprod its canary fails
        Freight second = release("v1.1.0");
        awaitTrue("v1.1.0 verified in staging", () -> verifiedIn(second, "staging"));
        promoteThroughUat(second);
        rollout(CanaryMetrics.FAILING);
        promote("preprod", second);
        awaitTrue("preprod rolled back to v1.0.0, whose verification stands", () -> engine.store().verifications()
                .latest(PROJECT, "preprod").filter(v -> v.phase() == VerificationPhase.Successful
                        && v.freight().containsValue(first.name())).isPresent() && engine.store().promotions().list(PROJECT, "preprod").stream()
                .anyMatch(p -> p.actor().equals(AutoPromotion.ACTOR) && p.freight().equals(first.name())
                        && p.phase() == PromotionPhase.Succeeded));
        VerificationRun failed = engine.store().verifications().list(PROJECT, "preprod").stream()
                .filter(v -> v.freight().containsValue(second.name())).findFirst().orElseThrow();
        assertThat(failed.phase()).isEqualTo(VerificationPhase.Failed);
        assertThat(failed.message()).as("both metrics fail; they are measured together, either may end it first")
                .matches("Metric \"(error-rate|latency-p95)\" assessed Failed due to failed \\(1\\) > failureLimit \\(0\\).*");
        assertThat(current("preprod")).isEqualTo(first.name());
        assertThat(engine.store().verifications().latest(PROJECT, "preprod").orElseThrow().message())
                .as("reused, as Kargo reuses the AnalysisRun of a collection verified before")
                .startsWith("the result of verification preprod.");
        assertThat(engine.store().stages().status(PROJECT, "preprod").health()).isEqualTo("Healthy");
        assertThat(verifiedIn(second, "preprod")).isFalse();
        assertThat(tags("preprod")).containsOnly("v1.0.0");
        assertThat(engine.store().stages().status(PROJECT, "preprod").hold()).as("automation held").isPresent();
        assertThat(engine.availability(PROJECT, "production", second.name()).reason())
                .isEqualTo("not verified in preprod");
        assertThat(events).extracting(DeliveryEvent::type).contains(DeliveryEvent.Type.APPROVAL_NEEDED,
                DeliveryEvent.Type.VERIFICATION_FAILED, DeliveryEvent.Type.ROLLBACK);
    }

    @Test
    void aRestartLosesNothingAndDoesNothingTwice() throws Exception {
        Freight release = release("v2.0.0");
        awaitTrue("v2.0.0 verified in staging", () -> verifiedIn(release, "staging"));
        promote("uat", release);
        awaitTrue("uat waits for a sign-off", () -> engine.store().verifications().open(PROJECT, "uat").stream()
                .anyMatch(v -> v.phase() == VerificationPhase.Running));

        VerificationRun interrupted = engine.store().verifications().latest(PROJECT, "uat").orElseThrow();
        stop();
        start(null);

        assertThat(interrupted.attempts()).isEqualTo(1);
        awaitTrue("the sign-off waited for again", () -> engine.store().verifications().get(PROJECT, interrupted.name())
                .filter(v -> v.attempts() == 2 && v.phase() == VerificationPhase.Running).isPresent());
        assertThat(engine.approve(PROJECT, release.name(), "uat", "qa-lead")).isEqualTo(Approval.SIGNED_OFF);
        awaitTrue("v2.0.0 verified in uat", () -> verifiedIn(release, "uat"));

        assertThat(engine.store().verifications().list(PROJECT, "uat")).as("one verification, resumed").hasSize(1);
        for (String stage : List.of("dev", "staging", "uat")) {
            assertThat(engine.store().promotions().list(PROJECT, stage)).as(stage + ": promoted once").hasSize(1);
            assertThat(engine.store().verifications().list(PROJECT, stage)).as(stage + ": verified once").hasSize(1);
            assertThat(tags(stage)).containsOnly("v2.0.0");
        }
        assertThat(gitops.log("main", "overlays/uat")).as("the overlays' first commit, then one promotion").hasSize(2);
        assertThat(engine.store().freight().list(PROJECT, "services-warehouse")).as("rediscovery makes no Freight")
                .extracting(Freight::name).containsExactly(release.name());
    }

    /** Pushes the release of every service and waits for the loop to make Freight of it. */
    private Freight release(String tag) throws Exception {
        OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());
        String namespace = images.substring(images.indexOf('/') + 1);
        for (String name : ExampleProject.services()) {
            pusher.image(namespace + "/" + name).tag(tag).platforms("linux/amd64", "linux/arm64").push();
        }
        return await("Freight of " + tag, () -> engine.store().freight().list(PROJECT, "services-warehouse").stream()
                .filter(f -> f.images().stream().allMatch(i -> i.tag().equals(tag))).findFirst());
    }

    private void promoteThroughUat(Freight freight) throws Exception {
        promote("uat", freight);
        awaitTrue("uat waits for a sign-off", () -> engine.store().verifications().open(PROJECT, "uat").stream()
                .anyMatch(v -> v.phase() == VerificationPhase.Running && v.freight().containsValue(freight.name())));
        assertThat(engine.approve(PROJECT, freight.name(), "uat", "qa-lead")).isEqualTo(Approval.SIGNED_OFF);
        awaitTrue(freight.alias() + " verified in uat", () -> verifiedIn(freight, "uat"));
        assertThat(engine.store().verifications().latest(PROJECT, "uat").orElseThrow().message())
                .isEqualTo("approved by qa-lead");
    }

    private void promote(String stage, Freight freight) throws Exception {
        Promotion queued = engine.promote(PROJECT, stage, freight.name(), "release-manager");
        loop.wake();
        awaitTrue(stage + " promoted", () -> engine.store().promotions().get(PROJECT, queued.name())
                .filter(p -> p.phase().isTerminal()).isPresent());
        Promotion done = engine.store().promotions().get(PROJECT, queued.name()).orElseThrow();
        assertThat(done.phase()).as(done.message()).isEqualTo(PromotionPhase.Succeeded);
    }

    private boolean verifiedIn(Freight freight, String stage) {
        return engine.store().stages().freightStatus(PROJECT, freight.name()).isVerifiedIn(stage);
    }

    private String current(String stage) {
        return engine.store().stages().status(PROJECT, stage).current().orElseThrow().items()
                .get("Warehouse/services-warehouse");
    }

    private List<String> tags(String stage) throws Exception {
        return gitops.read("main", "overlays/" + stage + "/kustomization.yaml").lines().map(String::strip)
                .filter(l -> l.startsWith("newTag:")).map(l -> l.substring("newTag:".length()).strip()).toList();
    }

    private void rollout(String canaryHash) {
        GenericKubernetesResource rollout = new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1").withKind("Rollout")
                .withNewMetadata().withNamespace(PROJECT).withName("user-service").endMetadata()
                .withAdditionalProperties(Map.of("status", Map.of("stableRS", CanaryMetrics.STABLE,
                        "currentPodHash", canaryHash)))
                .build();
        client.genericKubernetesResources(ROLLOUT).inNamespace(PROJECT).resource(rollout).createOr(r -> r.update());
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /** Polls the store (the loop runs in other threads) until the value is there, failing after {@link #PATIENCE}. */
    private static <T> T await(String what, Supplier<Optional<T>> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = value.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + PATIENCE + " for " + what);
    }
}
