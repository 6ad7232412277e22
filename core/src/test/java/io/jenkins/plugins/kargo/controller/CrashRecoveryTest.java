package io.jenkins.plugins.kargo.controller;

import static io.jenkins.plugins.kargo.controller.Lifecycle.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.StepLogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker process killed mid-promotion: the next worker runs the promotion again from the start, once. */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    final RecordStep step = new RecordStep();
    KargoEngine engine;
    Path state;

    @BeforeEach
    void open() throws Exception {
        state = dir.resolve("state");
        engine = Lifecycle.engine(state, new Lifecycle.TestClock(), step);
        Lifecycle.apply(engine, dir.resolve("config"));
        Lifecycle.freight(engine, "v1.0.0", "first");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aPromotionWhoseProcessWasKilledIsRunAgainFromTheStartInAFreshWorkingDirectory() throws Exception {
        Promotion queued = engine.promote(PROJECT, "east", "first", "alice");
        killWorkerMidPromotion(queued.name());

        Promotion interrupted = engine.store().promotions().get(PROJECT, queued.name()).orElseThrow();
        assertThat(interrupted.phase()).isEqualTo(PromotionPhase.Running);
        assertThat(interrupted.attempts()).isEqualTo(1);
        assertThat(state.resolve("work").resolve(PROJECT).resolve(queued.name()).resolve(PromotionWorkerProcess.LEFTOVER)).exists();

        assertThat(engine.runPromotions(PROJECT, "east")).isTrue();

        Promotion recovered = engine.store().promotions().get(PROJECT, queued.name()).orElseThrow();
        assertThat(recovered.phase()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(recovered.attempts()).isEqualTo(2);
        assertThat(recovered.steps()).extracting(StepLogEntry::status).containsExactly("Succeeded", "Succeeded");
        assertThat(step.leftovers).as("the crashed attempt's files were cleared first").isEmpty();
        assertThat(step.promoted).containsExactly("east:first", "east:first");
        assertThat(engine.store().stages().status(PROJECT, "east").history()).hasSize(1);
        assertThat(state.resolve("work").resolve(PROJECT).resolve(queued.name())).doesNotExist();
    }

    @Test
    void aPromotionInterruptedTwiceEndsErroredInsteadOfLooping() throws Exception {
        Promotion queued = engine.promote(PROJECT, "east", "first", "alice");
        killWorkerMidPromotion(queued.name());
        killWorkerMidPromotion(queued.name());

        engine.runPromotions(PROJECT, "east");

        Promotion ended = engine.store().promotions().get(PROJECT, queued.name()).orElseThrow();
        assertThat(ended.phase()).isEqualTo(PromotionPhase.Errored);
        assertThat(ended.message()).startsWith("interrupted 2 times");
        assertThat(step.promoted).isEmpty();
        assertThat(engine.store().stages().status(PROJECT, "east").current()).isEmpty();
    }

    /** Starts a worker process, waits until its step has started, checks it holds the stage, and kills it. */
    private void killWorkerMidPromotion(String promotion) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PromotionWorkerProcess.class.getName(),
                state.toString(), "east")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            // read on another thread, so that a child that never says it started fails the test instead of hanging it
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertThat(started.get(2, TimeUnit.MINUTES)).isEqualTo("STARTED " + promotion);
            assertThat(engine.runPromotions(PROJECT, "east")).as("the live worker process holds the stage").isFalse();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
