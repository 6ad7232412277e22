package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.state.AuditEvent;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifications run by the stage's worker after each promotion, with a web check against a local HTTP server whose
 * answer the test sets: what their outcomes do, Kargo's {@code autoRollback} on a failed verification and on a
 * failed promotion, re-verification, and a verification interrupted too often.
 */
class VerifierTest {

    static final String PROJECT = "shop";

    @TempDir
    Path dir;
    final AtomicInteger status = new AtomicInteger(200);
    final RecordStep record = new RecordStep();
    final List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
    HttpServer health;
    KargoEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        health.start();
        engine = Lifecycle.engine(dir.resolve("state"), new Lifecycle.TestClock(), record);
        engine.addListener(events::add);
        Path config = Files.createDirectories(dir.resolve("kargo"));
        Files.writeString(config.resolve("shop.yaml"), ShopProject.header("registry.local/app", """
                - stage: guarded
                  autoRollback:
                    onVerification: [Failed]
                    onPromotion: [Failed]
                """) + ShopProject.smokeTemplate("smoke", "http://127.0.0.1:" + health.getAddress().getPort() + "/health")
                + Lifecycle.verifiedStage("guarded", "sources: {direct: true}", "smoke")
                + Lifecycle.verifiedStage("plain", "sources: {direct: true}", "smoke"));
        engine.apply(config);
    }

    @AfterEach
    void tearDown() {
        engine.close();
        health.stop(0);
    }

    @Test
    void aFailedVerificationRollsAGuardedStageBackToItsLastVerifiedFreight() throws Exception {
        Freight good = Lifecycle.freight(engine, "v1.0.0", "good");
        Freight bad = Lifecycle.freight(engine, "v1.1.0", "bad");
        promote("guarded", good);
        assertThat(latest("guarded").phase()).isEqualTo(VerificationPhase.Successful);

        status.set(503);
        promote("guarded", bad);

        List<VerificationRun> runs = engine.store().verifications().list(PROJECT, "guarded");
        assertThat(runs).extracting(VerificationRun::phase).containsExactly(VerificationPhase.Successful,
                VerificationPhase.Failed, VerificationPhase.Successful);
        assertThat(runs.get(1).message()).startsWith("Metric \"health\" assessed Failed");
        List<Promotion> promotions = engine.store().promotions().list(PROJECT, "guarded");
        assertThat(promotions).extracting(Promotion::freight).containsExactly(good.name(), bad.name(), good.name());
        assertThat(promotions.get(2).actor()).isEqualTo(AutoPromotion.ACTOR);
        assertThat(current("guarded")).isEqualTo(good.name());
        assertThat(engine.store().stages().status(PROJECT, "guarded").hold()).isPresent();
        assertThat(engine.store().audit().list(PROJECT)).extracting(AuditEvent::action).contains("auto-rollback");
        // as Kargo reuses the AnalysisRun of a Freight collection verified before, the rollback is not re-measured
        // (the service still answers 503): the good Freight keeps its verifiedIn and the stage is Healthy
        assertThat(runs.get(2).message()).isEqualTo("the result of verification " + runs.get(0).name()
                + " of the same Freight");
        assertThat(runs.get(2).metrics()).isEqualTo(runs.get(0).metrics());
        assertThat(engine.store().stages().freightStatus(PROJECT, good.name()).isVerifiedIn("guarded")).isTrue();
        assertThat(engine.store().stages().freightStatus(PROJECT, bad.name()).isVerifiedIn("guarded")).isFalse();
        assertThat(engine.store().stages().status(PROJECT, "guarded").health()).isEqualTo("Healthy");
        assertThat(events).filteredOn(e -> e.type() == DeliveryEvent.Type.ROLLBACK).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("rolled back after verification Failed: "));
        assertThat(events).extracting(DeliveryEvent::type).containsSubsequence(
                DeliveryEvent.Type.VERIFICATION_FAILED, DeliveryEvent.Type.ROLLBACK,
                DeliveryEvent.Type.PROMOTION_SUCCEEDED, DeliveryEvent.Type.VERIFICATION_SUCCEEDED);
    }

    @Test
    void aFailedPromotionRollsAGuardedStageBackWhenItsPolicySaysSo() throws Exception {
        Freight good = Lifecycle.freight(engine, "v1.0.0", "good");
        Freight broken = Lifecycle.freight(engine, "v1.1.0", "broken");
        promote("guarded", good);
        promote("plain", good);

        record.failFor = Set.of("broken");
        Promotion failed = engine.promote(PROJECT, "guarded", broken.name(), "alice");
        engine.runPromotions(PROJECT, "guarded");
        assertThat(phase(failed)).isEqualTo(PromotionPhase.Failed);
        List<Promotion> guarded = engine.store().promotions().list(PROJECT, "guarded");
        assertThat(guarded).extracting(Promotion::freight).containsExactly(good.name(), broken.name(), good.name());
        assertThat(guarded.get(2).phase()).isEqualTo(PromotionPhase.Succeeded);

        Promotion plainFailed = engine.promote(PROJECT, "plain", broken.name(), "alice");
        engine.runPromotions(PROJECT, "plain");
        assertThat(phase(plainFailed)).isEqualTo(PromotionPhase.Failed);
        assertThat(engine.store().promotions().list(PROJECT, "plain")).as("no policy: no rollback").hasSize(2);
    }

    @Test
    void reVerificationRunsAgainOnTheCurrentFreightAndAFailureRevokesItsVerifiedIn() throws Exception {
        Freight good = Lifecycle.freight(engine, "v1.0.0", "good");
        assertThatThrownBy(() -> engine.verifyStage(PROJECT, "plain", "bob"))
                .isInstanceOf(PromotionRefusedException.class).hasMessage("stage plain has no Freight to verify yet");
        promote("plain", good);
        assertThat(engine.store().stages().freightStatus(PROJECT, good.name()).isVerifiedIn("plain")).isTrue();

        status.set(500);
        VerificationRun again = engine.verifyStage(PROJECT, "plain", "bob");
        assertThatThrownBy(() -> engine.verifyStage(PROJECT, "plain", "bob"))
                .isInstanceOf(PromotionRefusedException.class).hasMessageContaining("has a verification under way");
        engine.runPromotions(PROJECT, "plain");

        VerificationRun ended = engine.store().verifications().get(PROJECT, again.name()).orElseThrow();
        assertThat(ended.phase()).isEqualTo(VerificationPhase.Failed);
        assertThat(ended.actor()).isEqualTo("bob");
        assertThat(ended.promotion()).as("a re-verification").isEmpty();
        assertThat(engine.store().stages().freightStatus(PROJECT, good.name()).isVerifiedIn("plain")).isFalse();
        assertThat(engine.store().stages().status(PROJECT, "plain").health()).isEqualTo("Unhealthy");
        assertThat(engine.store().promotions().list(PROJECT, "plain")).as("no policy: no rollback").hasSize(1);
    }

    @Test
    void aVerificationInterruptedTwiceEndsInErrorInsteadOfLooping() throws Exception {
        Freight good = Lifecycle.freight(engine, "v1.0.0", "good");
        promote("plain", good);
        VerificationRun queued = engine.verifyStage(PROJECT, "plain", "bob");
        engine.store().verifications().startNext(PROJECT, "plain");
        engine.store().verifications().startNext(PROJECT, "plain"); // two workers died running it

        engine.runPromotions(PROJECT, "plain");

        VerificationRun ended = engine.store().verifications().get(PROJECT, queued.name()).orElseThrow();
        assertThat(ended.phase()).isEqualTo(VerificationPhase.Error);
        assertThat(ended.message()).isEqualTo("interrupted 2 times (the process running it stopped); run "
                + "`kargo verify stage plain` to try again");
        assertThat(ended.metrics()).as("nothing measured").isEmpty();
    }

    private void promote(String stage, Freight freight) throws Exception {
        Promotion promotion = engine.promote(PROJECT, stage, freight.name(), "alice");
        engine.runPromotions(PROJECT, stage);
        assertThat(phase(promotion)).isEqualTo(PromotionPhase.Succeeded);
    }

    private PromotionPhase phase(Promotion promotion) {
        return engine.store().promotions().get(PROJECT, promotion.name()).orElseThrow().phase();
    }

    private VerificationRun latest(String stage) {
        return engine.store().verifications().latest(PROJECT, stage).orElseThrow();
    }

    private String current(String stage) {
        return engine.store().stages().status(PROJECT, stage).current().orElseThrow().items().get("Warehouse/images");
    }
}
