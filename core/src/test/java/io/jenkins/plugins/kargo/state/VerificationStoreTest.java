package io.jenkins.plugins.kargo.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAliases;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.verification.AnalysisPhase;
import io.jenkins.plugins.kargo.verification.Measurement;
import io.jenkins.plugins.kargo.verification.MetricResult;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifications in the real store: queued with a promotion's end, their decisions, aborts and what their ends do. */
class VerificationStoreTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;
    KargoStore store;
    Freight freight;
    FreightHistoryEntry collection;

    @BeforeEach
    void setUp() {
        store = KargoStore.open(dir, Clock.fixed(NOW, ZoneOffset.UTC), new FreightAliases(new Random(7)));
        freight = store.freight().create("myapp", TestFreight.image("services", "v1.0.0")).freight();
        collection = new FreightHistoryEntry("c0ffee", Map.of("Warehouse/services", freight.name()), "", NOW);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aPromotionsEndQueuesItsVerificationAndOnlyItsSuccessVerifiesTheFreight() {
        store.promotions().create("myapp", "dev.01.abc", "dev", freight.name(), "alice");
        store.promotions().startNext("myapp", "dev");
        store.promotions().finish("myapp", "dev.01.abc", PromotionPhase.Succeeded, "",
                new FreightHistoryEntry("c0ffee", collection.items(), "dev.01.abc", NOW), Optional.of("dev.02.c0ffee"));

        VerificationRun queued = store.verifications().open("myapp", "dev").get(0);
        assertThat(queued.name()).isEqualTo("dev.02.c0ffee");
        assertThat(queued.promotion()).isEqualTo("dev.01.abc");
        assertThat(queued.actor()).isEqualTo("alice");
        assertThat(queued.phase()).isEqualTo(VerificationPhase.Pending);
        assertThat(verified()).as("not before its verification").isFalse();
        assertThat(store.stages().status("myapp", "dev").health()).isEqualTo(StageStatus.UNKNOWN_HEALTH);

        VerificationRun started = store.verifications().startNext("myapp", "dev").orElseThrow();
        assertThat(started.attempts()).isEqualTo(1);
        store.verifications().finish("myapp", started.name(), VerificationPhase.Successful, "", List.of(metric(
                AnalysisPhase.SUCCESSFUL)));

        assertThat(verified()).isTrue();
        assertThat(store.stages().status("myapp", "dev").health()).isEqualTo(StageStatus.HEALTHY);
    }

    @Test
    void promotingACollectionVerifiedBeforeTakesThatVerificationsResultAsKargoReusesItsAnalysisRun() {
        promote("dev.01.abc", "dev.02.c0ffee");
        run("dev.02.c0ffee", VerificationPhase.Successful);
        store.verifications().create("myapp", "dev.03.c0ffee", "dev", collection, "bob");
        run("dev.03.c0ffee", VerificationPhase.Failed);
        assertThat(verified()).isFalse();

        // the same collection again: no new measurement, the newest result stands, with its effect on the stage
        promote("dev.04.abc", "dev.05.c0ffee");

        VerificationRun reused = store.verifications().get("myapp", "dev.05.c0ffee").orElseThrow();
        assertThat(reused.phase()).isEqualTo(VerificationPhase.Failed);
        assertThat(reused.message()).isEqualTo("the result of verification dev.03.c0ffee of the same Freight: failed");
        assertThat(reused.promotion()).isEqualTo("dev.04.abc");
        assertThat(store.verifications().open("myapp", "dev")).isEmpty();
        assertThat(store.stages().status("myapp", "dev").health()).isEqualTo(StageStatus.UNHEALTHY);

        store.verifications().create("myapp", "dev.06.c0ffee", "dev", collection, "bob");
        run("dev.06.c0ffee", VerificationPhase.Successful);
        promote("dev.07.abc", "dev.08.c0ffee");
        assertThat(store.verifications().get("myapp", "dev.08.c0ffee").orElseThrow().phase())
                .isEqualTo(VerificationPhase.Successful);
        assertThat(verified()).isTrue();
    }

    private void promote(String promotion, String verification) {
        store.promotions().create("myapp", promotion, "dev", freight.name(), "alice");
        store.promotions().startNext("myapp", "dev");
        store.promotions().finish("myapp", promotion, PromotionPhase.Succeeded, "",
                new FreightHistoryEntry("c0ffee", collection.items(), promotion, NOW), Optional.of(verification));
    }

    private void run(String verification, VerificationPhase outcome) {
        VerificationRun started = store.verifications().startNext("myapp", "dev").orElseThrow();
        assertThat(started.name()).isEqualTo(verification);
        store.verifications().finish("myapp", started.name(), outcome, outcome == VerificationPhase.Failed ? "failed" : "",
                List.of());
    }

    @Test
    void aFailedReVerificationRevokesVerifiedInAndKeepsEveryMeasurement() {
        VerificationRun first = store.verifications().create("myapp", "dev.01.c0ffee", "dev", collection, "alice");
        store.verifications().startNext("myapp", "dev");
        store.verifications().finish("myapp", first.name(), VerificationPhase.Successful, "", List.of());
        assertThat(verified()).isTrue();

        VerificationRun again = store.verifications().create("myapp", "dev.02.c0ffee", "dev", collection, "bob");
        store.verifications().startNext("myapp", "dev");
        store.verifications().finish("myapp", again.name(), VerificationPhase.Failed, "Metric \"health\" assessed Failed",
                List.of(metric(AnalysisPhase.FAILED)));

        assertThat(verified()).isFalse();
        assertThat(store.stages().status("myapp", "dev").health()).isEqualTo(StageStatus.UNHEALTHY);
        VerificationRun kept = store.verifications().latest("myapp", "dev").orElseThrow();
        assertThat(kept.message()).isEqualTo("Metric \"health\" assessed Failed");
        assertThat(kept.metrics()).singleElement().satisfies(m -> {
            assertThat(m.phase()).isEqualTo(AnalysisPhase.FAILED);
            assertThat(m.measurements()).singleElement().satisfies(x -> assertThat(x.value())
                    .isEqualTo(Map.of("statusCode", 503)));
        });
    }

    @Test
    void theFirstDecisionStandsAndOnlyOnTheFreightUnderVerification() {
        VerificationRun run = store.verifications().create("myapp", "uat.01.c0ffee", "uat", collection, "alice");
        assertThatThrownBy(() -> store.verifications().decide("myapp", "uat", "another", true, "carol"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("not another");

        store.verifications().decide("myapp", "uat", freight.name(), true, "carol");
        assertThatThrownBy(() -> store.verifications().decide("myapp", "uat", freight.name(), false, "dave"))
                .isInstanceOf(IllegalStateException.class).hasMessage("verification " + run.name()
                        + " was already approved by carol");
        assertThat(store.verifications().get("myapp", run.name()).orElseThrow().decision()).hasValueSatisfying(d -> {
            assertThat(d.approved()).isTrue();
            assertThat(d.actor()).isEqualTo("carol");
            assertThat(d.at()).isEqualTo(NOW);
        });
    }

    @Test
    void aPendingVerificationAbortsAtOnceARunningOneIsFlagged() {
        store.verifications().create("myapp", "uat.01.c0ffee", "uat", collection, "alice");
        VerificationRun aborted = store.verifications().requestAbort("myapp", "uat", "bob");
        assertThat(aborted.phase()).isEqualTo(VerificationPhase.Aborted);
        assertThat(aborted.message()).isEqualTo("aborted by bob before it started");

        store.verifications().create("myapp", "uat.02.c0ffee", "uat", collection, "alice");
        store.verifications().startNext("myapp", "uat");
        VerificationRun flagged = store.verifications().requestAbort("myapp", "uat", "bob");
        assertThat(flagged.phase()).isEqualTo(VerificationPhase.Running);
        assertThat(store.verifications().abortRequested("myapp", flagged.name())).isTrue();
        assertThat(store.verifications().startNext("myapp", "uat")).as("a dead worker's run is recovered")
                .hasValueSatisfying(v -> assertThat(v.attempts()).isEqualTo(2));
        assertThatThrownBy(() -> store.verifications().requestAbort("myapp", "dev", "bob"))
                .isInstanceOf(NoSuchElementException.class).hasMessage("stage dev has no verification under way");
    }

    private boolean verified() {
        return store.stages().freightStatus("myapp", freight.name()).isVerifiedIn("dev");
    }

    private static MetricResult metric(AnalysisPhase phase) {
        return new MetricResult("health", phase, "", List.of(new Measurement(NOW, NOW, phase,
                Map.of("statusCode", phase == AnalysisPhase.SUCCESSFUL ? 200 : 503), "")));
    }
}
