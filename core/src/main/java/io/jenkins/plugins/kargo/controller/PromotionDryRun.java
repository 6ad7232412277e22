package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.PromotionName;
import io.jenkins.plugins.kargo.promotion.PromotionPlan;
import io.jenkins.plugins.kargo.promotion.PromotionRun;
import io.jenkins.plugins.kargo.promotion.PromotionRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.state.KargoStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a promotion would do, without doing it: the stage's steps run in a working directory of their own with the
 * preview's steps ({@link BuiltinSteps#preview}): files are edited and committed there as the promotion would,
 * {@code git-push} reports the diff it would push instead of pushing, and the steps that act outside the working
 * directory ({@code argocd-update}, {@code http}) are not run. Nothing is recorded in the state; the steps' log lines
 * stay in their records rather than in the engine's events.
 */
final class PromotionDryRun {

    private final KargoStore store;
    private final PromotionRunner runner;
    private final PromotionWorker worker;
    private final PromotionName names;
    private final CredentialsProvider credentials;
    private final EventSink events;
    private final Clock clock;

    PromotionDryRun(KargoStore store, PromotionRunner runner, PromotionWorker worker, PromotionName names,
                    CredentialsProvider credentials, EventSink events, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.worker = worker;
        this.names = names;
        this.credentials = credentials;
        this.events = events;
        this.clock = clock;
    }

    PromotionRun run(String project, Stage stage, Freight freight, String actor) throws ConfigException {
        PromotionPlan plan = PromotionPlan.of(stage);
        FreightCollection collection = worker.collection(project, stage, freight);
        String name = "preview." + names.generate(stage.name(), collection.id());
        Path workDir = store.directory().resolve("work").resolve(project).resolve(name);
        try {
            Files.createDirectories(workDir);
            StepContext context = new StepContext(project, stage.name(), name, actor, collection, workDir, credentials,
                    EventSink.NONE, clock);
            return runner.run(plan.vars(), plan.steps(), context, () -> false);
        } catch (IOException e) {
            throw new UncheckedIOException("the preview's working directory " + workDir + ": " + e.getMessage(), e);
        } finally {
            try {
                PromotionWorker.deleteRecursively(workDir);
            } catch (IOException e) {
                events.warn("cannot delete the working directory " + workDir + " of a preview: " + e.getMessage());
            }
        }
    }
}
