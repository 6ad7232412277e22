package io.jenkins.plugins.kargo.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepRegistration;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdater;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdWaiter;
import io.jenkins.plugins.kargo.promotion.files.CopyStep;
import io.jenkins.plugins.kargo.promotion.files.DeleteStep;
import io.jenkins.plugins.kargo.promotion.files.FileWriteStep;
import io.jenkins.plugins.kargo.promotion.files.HelmUpdateImageStep;
import io.jenkins.plugins.kargo.promotion.files.JsonUpdateStep;
import io.jenkins.plugins.kargo.promotion.files.KustomizeBuildStep;
import io.jenkins.plugins.kargo.promotion.files.KustomizeSetImageStep;
import io.jenkins.plugins.kargo.promotion.files.TarStep;
import io.jenkins.plugins.kargo.promotion.files.UntarStep;
import io.jenkins.plugins.kargo.promotion.files.YamlMergeStep;
import io.jenkins.plugins.kargo.promotion.files.YamlUpdateStep;
import io.jenkins.plugins.kargo.promotion.flow.ComposeOutputStep;
import io.jenkins.plugins.kargo.promotion.flow.FailStep;
import io.jenkins.plugins.kargo.promotion.git.GitClearStep;
import io.jenkins.plugins.kargo.promotion.git.GitCloneStep;
import io.jenkins.plugins.kargo.promotion.git.GitCommitStep;
import io.jenkins.plugins.kargo.promotion.git.GitPushPreview;
import io.jenkins.plugins.kargo.promotion.git.GitPushStep;
import io.jenkins.plugins.kargo.promotion.git.GitTagStep;
import io.jenkins.plugins.kargo.promotion.git.RepositoryCache;
import io.jenkins.plugins.kargo.promotion.http.HttpStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The promotion steps an engine runs: git ({@code git-clone} through a clone cache under the state directory,
 * {@code git-clear}, {@code git-tag}, {@code git-commit}, {@code git-push}), files ({@code kustomize-set-image},
 * {@code kustomize-build}, {@code yaml-update}, {@code helm-update-image}, {@code copy}, {@code delete},
 * {@code file-write}, {@code json-update}, {@code yaml-merge}, {@code tar}, {@code untar}), {@code http}, {@code compose-output}, {@code fail},
 * and {@code argocd-update} and {@code argocd-wait}, which declare that they need the engine's Kubernetes client and
 * are made on their first use, so that commands that promote nothing never load one.
 */
final class BuiltinSteps {

    /** The directory under the state directory where promotions keep their clones. */
    static final String CLONE_CACHE = "promotion-git-cache";

    private final LazyKubernetes kubernetes;
    private final OperatorSettings settings;

    /** @param settings the operator's expression limits and outbound policy, for {@code http} */
    BuiltinSteps(LazyKubernetes kubernetes, OperatorSettings settings) {
        this.kubernetes = kubernetes;
        this.settings = settings;
    }

    StepRegistry registry(Path stateDirectory) {
        List<StepRegistration> steps = new ArrayList<>(local(stateDirectory));
        steps.add(StepRegistration.of(new GitPushStep()));
        steps.add(StepRegistration.of(new HttpStep(settings.expressions(), settings.outbound())));
        steps.add(StepRegistration.needing(ArgoCdUpdater.NAME, StepRegistration.Need.KUBERNETES,
                services -> new ArgoCdUpdater(services.kubernetes())));
        steps.add(StepRegistration.needing(ArgoCdWaiter.NAME, StepRegistration.Need.KUBERNETES,
                services -> new ArgoCdWaiter(services.kubernetes())));
        return StepRegistry.of(steps, kubernetes::get);
    }

    /**
     * The steps of a preview ({@link PromotionDryRun}): those that only work in the promotion's working directory, as
     * they are; {@code git-push} saying what it would push; the others known but not run.
     */
    StepRegistry preview(Path stateDirectory) {
        List<StepRegistration> steps = new ArrayList<>(local(stateDirectory));
        steps.add(StepRegistration.of(new GitPushPreview()));
        steps.add(StepRegistration.of(new NotRun(HttpStep.NAME)));
        steps.add(StepRegistration.of(new NotRun(ArgoCdUpdater.NAME)));
        steps.add(StepRegistration.of(new NotRun(ArgoCdWaiter.NAME)));
        return StepRegistry.of(steps, kubernetes::get);
    }

    /** The steps that read and write only the promotion's working directory (and the clone cache). */
    private static List<StepRegistration> local(Path stateDirectory) {
        return List.of(
                StepRegistration.of(new GitCloneStep(new RepositoryCache(stateDirectory.resolve(CLONE_CACHE)))),
                StepRegistration.of(new GitClearStep()), StepRegistration.of(new GitTagStep()),
                StepRegistration.of(new GitCommitStep()),
                StepRegistration.of(new KustomizeSetImageStep()), StepRegistration.of(new KustomizeBuildStep()),
                StepRegistration.of(new YamlUpdateStep()), StepRegistration.of(new YamlMergeStep()), StepRegistration.of(new HelmUpdateImageStep()),
                StepRegistration.of(new CopyStep()), StepRegistration.of(new DeleteStep()),
                StepRegistration.of(new FileWriteStep()), StepRegistration.of(new JsonUpdateStep()),
                StepRegistration.of(new TarStep()), StepRegistration.of(new UntarStep()),
                StepRegistration.of(new ComposeOutputStep()), StepRegistration.of(new FailStep()));
    }

    /** A step that acts outside the working directory (a sync, a call): a preview names it without running it. */
    private record NotRun(String name) implements PromotionStepRunner {
        @Override
        public StepResult run(StepContext context, JsonNode config) {
            return new StepResult(StepStatus.Skipped, Map.of(), "not run in a preview: it acts outside the working directory");
        }
    }
}
