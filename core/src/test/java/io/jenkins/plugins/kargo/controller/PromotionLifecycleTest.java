package io.jenkins.plugins.kargo.controller;

import static io.jenkins.plugins.kargo.controller.Lifecycle.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.StepLogEntry;
import io.jenkins.plugins.kargo.state.AuditEvent;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.StageStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionLifecycleTest {

    @TempDir
    Path dir;

    final RecordStep step = new RecordStep();
    final Lifecycle.TestClock clock = new Lifecycle.TestClock();
    KargoEngine engine;

    @BeforeEach
    void open() throws Exception {
        engine = Lifecycle.engine(dir.resolve("state"), clock, step);
        Lifecycle.apply(engine, dir.resolve("config"));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aSucceededPromotionMakesTheFreightCurrentVerifiedAndAvailableDownstream() throws Exception {
        Freight f = Lifecycle.freight(engine, "v1.0.0", "first");
        Promotion queued = engine.promote(PROJECT, "dev", "first", "alice");
        assertThat(queued.phase()).isEqualTo(PromotionPhase.Pending);
        assertThat(queued.name()).matches("dev\\.[0-9a-hjkmnp-tv-z]{26}\\." + f.name().substring(0, 7));

        assertThat(engine.runPromotions(PROJECT, "dev")).isTrue();

        Promotion done = engine.store().promotions().get(PROJECT, queued.name()).orElseThrow();
        assertThat(done.phase()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(done.actor()).isEqualTo("alice");
        assertThat(done.startedAt()).isNotNull().isAfterOrEqualTo(done.createdAt());
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.steps()).extracting(StepLogEntry::alias, StepLogEntry::uses, StepLogEntry::status, StepLogEntry::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("step-1", "record", "Succeeded", "recorded first"),
                        org.assertj.core.groups.Tuple.tuple("again", "record", "Succeeded", "recorded first"));
        StageStatus dev = engine.store().stages().status(PROJECT, "dev");
        assertThat(dev.current().orElseThrow().items()).containsExactlyEntriesOf(java.util.Map.of("Warehouse/images", f.name()));
        assertThat(dev.current().orElseThrow().promotion()).isEqualTo(done.name());
        var status = engine.store().stages().freightStatus(PROJECT, f.name());
        assertThat(status.isVerifiedIn("dev")).as("no verification: verified at once").isTrue();
        assertThat(status.currentlyIn()).containsKey("dev");
        assertThat(engine.availability(PROJECT, "staging", "first").available()).isTrue();
        assertThat(engine.store().audit().list(PROJECT)).extracting(AuditEvent::actor, AuditEvent::action)
                .contains(org.assertj.core.groups.Tuple.tuple("alice", "promote"));
    }

    @Test
    void unavailableFreightIsRefusedWithTheReasonAndNothingIsQueued() {
        Lifecycle.freight(engine, "v1.0.0", "first");
        assertThatThrownBy(() -> engine.promote(PROJECT, "staging", "first", "alice"))
                .isInstanceOf(PromotionRefusedException.class)
                .hasMessageContaining("Freight first (")
                .hasMessageEndingWith("is not available to stage staging: not verified in dev");
        assertThat(engine.store().promotions().list(PROJECT, null)).isEmpty();
    }

    @Test
    void oneStageRunsItsQueueOldestFirstOneAtATime() throws Exception {
        for (String alias : List.of("one", "two", "three")) {
            Lifecycle.freight(engine, "v1.0." + alias.length() + alias.charAt(0), alias);
        }
        List<String> names = new ArrayList<>();
        for (String alias : List.of("two", "one", "three")) {
            names.add(engine.promote(PROJECT, "east", alias, "alice").name());
        }
        assertThat(names).isSorted();
        // two workers race for the stage: one runs the queue, the other finds it taken
        CountDownLatch firstStepStarted = new CountDownLatch(1);
        CountDownLatch otherWorkerDone = new CountDownLatch(1);
        step.gate = context -> {
            firstStepStarted.countDown();
            otherWorkerDone.await(30, TimeUnit.SECONDS);
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> first = pool.submit(() -> engine.runPromotions(PROJECT, "east"));
            assertThat(firstStepStarted.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.runPromotions(PROJECT, "east")).as("the stage is taken").isFalse();
            otherWorkerDone.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(step.promoted).containsExactly("east:two", "east:two", "east:one", "east:one", "east:three", "east:three");
        assertThat(step.mostAtOnce.get("east")).hasValue(1);
        assertThat(engine.store().stages().status(PROJECT, "east").history())
                .extracting(FreightHistoryEntry::promotion).containsExactly(names.get(2), names.get(1), names.get(0));
    }

    @Test
    void differentStagesRunAtTheSameTime() throws Exception {
        Lifecycle.freight(engine, "v1.0.0", "first");
        engine.promote(PROJECT, "east", "first", "alice");
        engine.promote(PROJECT, "west", "first", "bob");
        // each stage's first step waits until the other stage's has started: serialised stages would never meet
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        Set<String> met = java.util.concurrent.ConcurrentHashMap.newKeySet();
        step.gate = context -> {
            if (Set.of("east", "west").contains(context.stage()) && met.add(context.stage())) {
                try {
                    bothRunning.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the other stage's promotion did not run meanwhile", e);
                }
            }
        };
        engine.reconcileStages(PROJECT);
        assertThat(engine.store().promotions().list(PROJECT, null)).filteredOn(p -> !p.stage().equals("dev"))
                .extracting(Promotion::phase).containsOnly(PromotionPhase.Succeeded).hasSize(2);
    }

    @Test
    void abortingAPendingPromotionEndsItAndARunningOneStopsBeforeItsNextStep() throws Exception {
        Lifecycle.freight(engine, "v1.0.0", "first");
        Lifecycle.freight(engine, "v1.0.1", "second");
        Promotion running = engine.promote(PROJECT, "east", "first", "alice");
        Promotion pending = engine.promote(PROJECT, "east", "second", "alice");
        assertThat(engine.abort(PROJECT, pending.name(), "bob").phase()).isEqualTo(PromotionPhase.Aborted);
        step.gate = context -> {
            if (context.promotion().equals(running.name())) {
                engine.abort(PROJECT, running.name(), "bob");
            }
        };
        engine.runPromotions(PROJECT, "east");
        Promotion aborted = engine.store().promotions().get(PROJECT, running.name()).orElseThrow();
        assertThat(aborted.phase()).isEqualTo(PromotionPhase.Aborted);
        assertThat(aborted.steps()).extracting(StepLogEntry::status).containsExactly("Succeeded", "Aborted");
        assertThat(step.promoted).containsExactly("east:first");
        assertThat(engine.store().stages().status(PROJECT, "east").current()).isEmpty();
        assertThatThrownBy(() -> engine.abort(PROJECT, pending.name(), "bob")).hasMessageContaining("has already ended (Aborted)");
        assertThat(engine.store().audit().list(PROJECT)).filteredOn(e -> e.action().equals("abort"))
                .extracting(AuditEvent::actor, AuditEvent::target).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bob", "promotion/" + pending.name()),
                        org.assertj.core.groups.Tuple.tuple("bob", "promotion/" + running.name()));
    }

    @Test
    void approvalMakesFreightAvailableWithoutUpstreamVerificationAndIsRecorded() throws Exception {
        Freight f = Lifecycle.freight(engine, "v1.0.0", "hotfix");
        assertThat(engine.approve(PROJECT, "hotfix", "prod", "carol")).isEqualTo(Approval.APPROVED);
        assertThat(engine.approve(PROJECT, "hotfix", "prod", "dave")).as("the first approval is kept")
                .isEqualTo(Approval.ALREADY_APPROVED);
        var approval = engine.store().stages().freightStatus(PROJECT, f.name()).approvedFor().get("prod");
        assertThat(approval.approvedBy()).isEqualTo("carol");
        assertThat(engine.availability(PROJECT, "prod", "hotfix").reason()).startsWith("approved for prod by carol at ");
        engine.promote(PROJECT, "prod", "hotfix", "carol");
        engine.runPromotions(PROJECT, "prod");
        assertThat(step.promoted).contains("prod:hotfix");
        assertThat(engine.store().audit().list(PROJECT)).filteredOn(e -> e.action().equals("approve"))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("carol");
                    assertThat(e.target()).isEqualTo("freight/" + f.name());
                    assertThat(e.detail()).isEqualTo("for stage prod");
                });
        Freight beta = Lifecycle.freight(engine, "v1.1.0-beta.1", "beta");
        engine.approve(PROJECT, "beta", "prod", "carol");
        assertThatThrownBy(() -> engine.promote(PROJECT, "prod", beta.name(), "carol"))
                .hasMessageEndingWith("pre-release v1.1.0-beta.1 of registry.local/app (beta) refused: prod accepts stable only");
    }

    @Test
    void soakInTheUpstreamStageCountsFromWhenTheFreightArrived() throws Exception {
        Lifecycle.freight(engine, "v1.0.0", "first");
        engine.promote(PROJECT, "dev", "first", "alice");
        engine.runPromotions(PROJECT, "dev");
        engine.promote(PROJECT, "staging", "first", "alice");
        engine.runPromotions(PROJECT, "staging");
        clock.advance(Duration.ofMinutes(48));
        assertThat(engine.availability(PROJECT, "prod", "first").reason()).isEqualTo("soaking in staging for 12 minutes more");
        assertThatThrownBy(() -> engine.promote(PROJECT, "prod", "first", "alice"))
                .hasMessageEndingWith("soaking in staging for 12 minutes more");
        clock.advance(Duration.ofMinutes(12));
        assertThat(engine.availability(PROJECT, "prod", "first").reason()).isEqualTo("verified in staging and soaked for 60 minutes");
    }

    @Test
    void autoPromotionTakesTheNewestAvailableFreightAndAManualOlderOneHoldsIt() throws Exception {
        Lifecycle.freight(engine, "v1.0.0", "older");
        Lifecycle.freight(engine, "v1.0.1", "newer");
        assertThat(engine.reconcileStages(PROJECT)).extracting(Promotion::freight, Promotion::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(freightName("newer"), "kargo-controller"));
        assertThat(current("dev")).isEqualTo(freightName("newer"));
        assertThat(engine.reconcileStages(PROJECT)).as("the candidate is current").isEmpty();

        engine.promote(PROJECT, "dev", "older", "alice");
        assertThat(engine.store().stages().status(PROJECT, "dev").hold()).hasValueSatisfying(h -> {
            assertThat(h.freight()).isEqualTo(freightName("older"));
            assertThat(h.actor()).isEqualTo("alice");
        });
        engine.runPromotions(PROJECT, "dev");
        assertThat(engine.reconcileStages(PROJECT)).as("held").isEmpty();
        assertThat(current("dev")).isEqualTo(freightName("older"));

        engine.promote(PROJECT, "dev", "newer", "alice");
        assertThat(engine.store().stages().status(PROJECT, "dev").hold()).as("promoting the candidate lifts it").isEmpty();
    }

    @Test
    void autoPromotionDoesNotRetryAFreightWhoseLastPromotionFailed() throws Exception {
        Lifecycle.freight(engine, "v1.0.0", "broken");
        step.failFor = Set.of("broken");
        List<Promotion> first = engine.reconcileStages(PROJECT);
        assertThat(first).hasSize(1);
        Promotion failed = engine.store().promotions().get(PROJECT, first.get(0).name()).orElseThrow();
        assertThat(failed.phase()).isEqualTo(PromotionPhase.Failed);
        assertThat(failed.message()).isEqualTo("step 'step-1' (record): refused broken");
        assertThat(engine.reconcileStages(PROJECT)).isEmpty();
        Lifecycle.freight(engine, "v1.0.1", "fixed");
        assertThat(engine.reconcileStages(PROJECT)).extracting(Promotion::freight).containsExactly(freightName("fixed"));
    }

    @Test
    void rollbackPromotesThePreviousFreightThroughTheNormalPathAndHolds() throws Exception {
        for (String alias : List.of("a1", "a2", "a3")) {
            Lifecycle.freight(engine, "v1.0." + alias.charAt(1), alias);
            engine.promote(PROJECT, "east", alias, "alice");
        }
        engine.runPromotions(PROJECT, "east");
        Promotion back = engine.rollback(PROJECT, "east", null, "bob");
        assertThat(back.freight()).isEqualTo(freightName("a2"));
        engine.runPromotions(PROJECT, "east");
        assertThat(current("east")).isEqualTo(freightName("a2"));
        assertThat(engine.store().stages().status(PROJECT, "east").hold()).isPresent();
        engine.rollback(PROJECT, "east", "a1", "bob");
        engine.runPromotions(PROJECT, "east");
        assertThat(current("east")).isEqualTo(freightName("a1"));
        Lifecycle.freight(engine, "v9.9.9", "never");
        assertThatThrownBy(() -> engine.rollback(PROJECT, "east", "never", "bob"))
                .hasMessageContaining("is not in the history of stage east");
        assertThatThrownBy(() -> engine.rollback(PROJECT, "west", null, "bob"))
                .hasMessage("stage west has no previous Freight to roll back to (nothing was ever promoted into it)");
        assertThat(engine.store().audit().list(PROJECT)).filteredOn(e -> e.action().equals("rollback")).hasSize(2);
    }

    @Test
    void promotingTheCurrentFreightAgainKeepsWhatARollbackGoesBackTo() throws Exception {
        Lifecycle.freight(engine, "v1.0.1", "a1");
        Lifecycle.freight(engine, "v1.0.2", "a2");
        engine.promote(PROJECT, "east", "a1", "alice");
        engine.runPromotions(PROJECT, "east");
        for (int i = 0; i < 12; i++) { // more than the history keeps
            engine.promote(PROJECT, "east", "a2", "alice");
        }
        engine.runPromotions(PROJECT, "east");

        List<FreightHistoryEntry> history = engine.store().stages().status(PROJECT, "east").history();
        assertThat(history).extracting(e -> e.items().values().iterator().next())
                .containsExactly(freightName("a2"), freightName("a1"));
        List<Promotion> promotions = engine.store().promotions().list(PROJECT, "east");
        assertThat(promotions).hasSize(13);
        assertThat(history.get(0).promotion()).as("the entry names the latest promotion")
                .isEqualTo(promotions.get(promotions.size() - 1).name());
        Promotion back = engine.rollback(PROJECT, "east", null, "bob");
        assertThat(back.freight()).isEqualTo(freightName("a1"));
    }

    @Test
    void historyKeepsTheTenNewestAndSoakEndsWhenFreightLeaves() throws Exception {
        List<String> promotions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Lifecycle.freight(engine, "v1.0." + i, "f" + i);
            promotions.add(engine.promote(PROJECT, "dev", "f" + i, "alice").name());
            engine.runPromotions(PROJECT, "dev");
            clock.advance(Duration.ofMinutes(5));
        }
        List<FreightHistoryEntry> history = engine.store().stages().status(PROJECT, "dev").history();
        assertThat(history).hasSize(StageStatus.MAX_HISTORY);
        assertThat(history.get(0).promotion()).isEqualTo(promotions.get(11));
        assertThat(history.get(9).promotion()).isEqualTo(promotions.get(2));
        var left = engine.store().stages().freightStatus(PROJECT, freightName("f0"));
        assertThat(left.currentlyIn()).doesNotContainKey("dev");
        assertThat(left.verifiedIn().get("dev").longestCompletedSoak()).isEqualTo(Duration.ofMinutes(5));
    }

    private String current(String stage) {
        return engine.store().stages().status(PROJECT, stage).current().orElseThrow().items().get("Warehouse/images");
    }

    private String freightName(String alias) {
        return engine.store().freight().byAlias(PROJECT, alias).orElseThrow().name();
    }
}
