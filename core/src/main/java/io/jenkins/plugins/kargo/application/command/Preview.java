package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.application.view.FreightCard;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.PromotionPreview;
import io.jenkins.plugins.kargo.application.view.StageCard;
import io.jenkins.plugins.kargo.application.view.StepLine;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.promotion.PromotionRun;
import io.jenkins.plugins.kargo.promotion.StepRecord;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code preview}: what promoting the Freight into the stage would change, for the confirmation a person reads
 * before promoting or rolling back: versions old → new, and the diff of every commit the stage's steps would push,
 * from a dry run of those steps ({@link KargoEngine#preview}). Changes nothing.
 */
final class Preview {

    private final KargoEngine engine;
    private final Views views;

    Preview(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    PromotionPreview run(String project, String stage, FreightSelector freight, String actor) throws ConfigException {
        FreightCard target = views.freightCard(project, views.freight(project, stage, freight).name());
        StageCard card = views.stage(project, stage);
        Map<String, String> now = card.artifacts().stream().collect(Collectors.toMap(FreightCard.Artifact::repository,
                FreightCard.Artifact::version, (a, b) -> a));
        List<PromotionPreview.Change> changes = target.artifacts().stream().map(a -> new PromotionPreview.Change(
                a.kind(), a.repository(), Optional.ofNullable(now.get(a.repository())), a.version())).toList();
        PromotionRun run = engine.preview(project, stage, target.name(), actor);
        List<PromotionPreview.Commit> commits = run.steps().stream()
                .filter(s -> s.uses().equals("git-push") && s.status() == StepStatus.Succeeded)
                .map(Preview::commit).toList();
        KargoConfig config = engine.configuration(project);
        List<String> verification = config.stage(project, stage).flatMap(Stage::verification).stream()
                .flatMap(v -> v.analysisTemplates().stream()).map(t -> t.name()).toList();
        return new PromotionPreview(project, stage, target.ref(),
                target.availability().stream().filter(a -> a.stage().equals(stage)).findFirst().orElseThrow(),
                changes, commits, run.steps().stream().map(Preview::line).toList(), run.phase().name(), run.message(),
                verification);
    }

    @SuppressWarnings("unchecked") // GitPushPreview's outputs
    private static PromotionPreview.Commit commit(StepRecord push) {
        Map<String, Object> out = push.output();
        return new PromotionPreview.Commit(String.valueOf(out.get("repoURL")), String.valueOf(out.get("branch")),
                (List<String>) out.getOrDefault("paths", List.of()), String.valueOf(out.getOrDefault("diff", "")));
    }

    private static StepLine line(StepRecord step) {
        return new StepLine(step.alias(), step.uses(), step.status().name(), step.message(), step.started(),
                step.finished());
    }
}
