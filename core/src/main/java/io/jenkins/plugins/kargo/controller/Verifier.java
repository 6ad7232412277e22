package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Project;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.api.Verification;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.DeliveryListener;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.verification.AnalysisRequest;
import io.jenkins.plugins.kargo.verification.AnalysisResult;
import io.jenkins.plugins.kargo.verification.AnalysisRunner;
import io.jenkins.plugins.kargo.verification.ArgumentSources;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.MetricResult;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRef;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one of a stage's verifications to its end and records it: the stage's analysis templates run together as one
 * analysis ({@link AnalysisRunner}) with the stage's arguments resolved over the Freight under verification. Its end
 * moves the Freight on or holds it back (see {@link io.jenkins.plugins.kargo.state.VerificationStore}), is told to
 * the {@link DeliveryListener}, and may roll the stage back ({@link AutomaticRollback}).
 *
 * <p>A verification found Running by a worker that has just taken the stage lost its worker; it is run again from
 * the beginning (measurements only read), at most {@value PromotionWorker#MAX_ATTEMPTS} times in all.
 */
final class Verifier {

    /** Resolves the stage's verification args over the Freight under verification. */
    interface StageArgs {
        Map<String, String> resolve(Stage stage, Verification verification, FreightCollection freight, EventSink log)
                throws MeasurementException, InterruptedException;
    }

    private final KargoStore store;
    private final AnalysisRunner runner;
    private final StageArgs stageArgs;
    private final AutomaticRollback rollback;
    private final DeliveryListener delivery;
    private final EventSink events;
    private final Clock clock;
    private final ArgumentSources sources;

    Verifier(KargoStore store, AnalysisRunner runner, StageArgs stageArgs, ArgumentSources sources,
             AutomaticRollback rollback, DeliveryListener delivery, EventSink events, Clock clock) {
        this.store = store;
        this.sources = sources;
        this.runner = runner;
        this.stageArgs = stageArgs;
        this.rollback = rollback;
        this.delivery = delivery;
        this.events = events;
        this.clock = clock;
    }

    /** @return false when the thread was interrupted: the verification stays Running for recovery */
    boolean run(KargoConfig config, String project, VerificationRun run) {
        Optional<Stage> stage = config.stage(project, run.stage());
        if (run.attempts() > PromotionWorker.MAX_ATTEMPTS) {
            return end(config, project, run, stage, VerificationPhase.Error, "interrupted " + PromotionWorker.MAX_ATTEMPTS
                    + " times (the process running it stopped); run `kargo verify stage " + run.stage() + "` to try again",
                    List.of());
        }
        if (!run.abortRequested().isEmpty()) {
            return end(config, project, run, stage, VerificationPhase.Failed, "Verification aborted by user", List.of());
        }
        if (stage.isEmpty() || stage.get().verification().isEmpty()) {
            return end(config, project, run, stage, VerificationPhase.Error, stage.isEmpty()
                    ? "stage " + run.stage() + " is no longer in the configuration"
                    : "stage " + run.stage() + " no longer has a verification", List.of());
        }
        Verification verification = stage.get().verification().get();
        List<AnalysisTemplate> templates = new ArrayList<>();
        for (Verification.TemplateReference reference : verification.analysisTemplates()) {
            Optional<AnalysisTemplate> template = config.analysisTemplate(project, reference);
            if (template.isEmpty()) {
                return end(config, project, run, stage, VerificationPhase.Error, reference.kind().kind() + " "
                        + reference.name() + " not found; apply it or fix the name in stage " + run.stage()
                        + " (" + reference.location() + ")", List.of());
            }
            templates.add(template.get());
        }
        AnalysisResult result;
        try {
            Map<String, String> args = stageArgs.resolve(stage.get(), verification, collection(project, run), events);
            if (templates.stream().anyMatch(AnalysisTemplate::asksPeople)) {
                delivery.on(event(DeliveryEvent.Type.APPROVAL_NEEDED, project, run, "approve with `kargo approve "
                        + "--freight " + String.join(",", run.freight().values()) + " --stage " + run.stage() + "`"));
            }
            result = runner.run(new AnalysisRequest(new VerificationRef(project, run.stage(), run.name(),
                            run.createdAt()), templates, args, events, sources),
                    () -> store.verifications().abortRequested(project, run.name()));
        } catch (MeasurementException e) {
            return end(config, project, run, stage, VerificationPhase.Error, e.getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        String decision = store.verifications().get(project, run.name()).flatMap(VerificationRun::decision)
                .map(d -> (d.approved() ? "approved by " : "rejected by ") + d.actor()).orElse("");
        String message = result.message().isEmpty() || decision.isEmpty() ? result.message() + decision
                : result.message() + "; " + decision;
        return end(config, project, run, stage, VerificationPhase.of(result.phase()), message, result.metrics());
    }

    private boolean end(KargoConfig config, String project, VerificationRun run, Optional<Stage> stage,
                        VerificationPhase phase, String message, List<MetricResult> metrics) {
        announce(config, project, store.verifications().finish(project, run.name(), phase, message, metrics,
                config.project(project).map(Project::revokeVerifiedOnFailure).orElse(true)), stage);
        return true;
    }

    /** Tells how the verification ended (log, listeners) and rolls the stage back if its policy says so. */
    void announce(KargoConfig config, String project, VerificationRun ended, Optional<Stage> stage) {
        String line = "verification " + ended.name() + " of stage " + ended.stage() + ": " + ended.phase()
                + (ended.message().isEmpty() ? "" : ": " + ended.message());
        if (ended.phase() == VerificationPhase.Successful) {
            events.info(line);
            delivery.on(event(DeliveryEvent.Type.VERIFICATION_SUCCEEDED, project, ended, ended.message()));
        } else {
            events.warn(line);
            delivery.on(event(DeliveryEvent.Type.VERIFICATION_FAILED, project, ended, ended.message()));
            stage.ifPresent(s -> rollback.afterVerification(config, s, ended.phase().name(), ended.freight().values(),
                    ended.message()));
        }
    }

    private FreightCollection collection(String project, VerificationRun run) {
        return new FreightCollection(run.freight().values().stream()
                .map(name -> store.freight().byName(project, name)).flatMap(Optional::stream).toList());
    }

    private DeliveryEvent event(DeliveryEvent.Type type, String project, VerificationRun run, String message) {
        List<DeliveryEvent.Freight> freight = run.freight().values().stream().map(name -> new DeliveryEvent.Freight(name,
                store.freight().byName(project, name).map(Freight::alias).orElse(""))).toList();
        return new DeliveryEvent(type, project, run.stage(), freight, run.name(), run.actor(), message, clock.instant());
    }
}
