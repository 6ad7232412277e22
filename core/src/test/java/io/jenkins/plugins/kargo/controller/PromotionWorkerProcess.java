package io.jenkins.plugins.kargo.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * A separate JVM that works a stage's queue and is killed mid-promotion by {@link CrashRecoveryTest}: its
 * {@code record} step leaves a file in the working directory, says so on standard output, and never ends.
 * Arguments: state directory, stage.
 */
public final class PromotionWorkerProcess {

    /** What the killed attempt leaves in its working directory. */
    static final String LEFTOVER = "half-done";

    public static void main(String[] args) throws Exception {
        PromotionStepRunner hanging = new PromotionStepRunner() {
            @Override
            public String name() {
                return "record";
            }

            @Override
            public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
                try {
                    Files.writeString(context.workDir().resolve(LEFTOVER), context.promotion());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                System.out.println("STARTED " + context.promotion());
                System.out.flush();
                new CountDownLatch(1).await();
                return StepResult.errored("unreachable");
            }
        };
        try (KargoEngine engine = Lifecycle.engine(Path.of(args[0]), Clock.systemUTC(), hanging)) {
            engine.runPromotions(Lifecycle.PROJECT, args[1]);
        }
    }
}
