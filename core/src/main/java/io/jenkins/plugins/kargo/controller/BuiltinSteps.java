package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.promotion.StepRegistration;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdater;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdWaiter;
import io.jenkins.plugins.kargo.promotion.files.CopyStep;
import io.jenkins.plugins.kargo.promotion.files.DeleteStep;
import io.jenkins.plugins.kargo.promotion.files.FileWriteStep;
import io.jenkins.plugins.kargo.promotion.files.HelmUpdateImageStep;
import io.jenkins.plugins.kargo.promotion.files.KustomizeBuildStep;
import io.jenkins.plugins.kargo.promotion.files.KustomizeSetImageStep;
import io.jenkins.plugins.kargo.promotion.files.YamlUpdateStep;
import io.jenkins.plugins.kargo.promotion.flow.ComposeOutputStep;
import io.jenkins.plugins.kargo.promotion.flow.FailStep;
import io.jenkins.plugins.kargo.promotion.git.GitClearStep;
import io.jenkins.plugins.kargo.promotion.git.GitCloneStep;
import io.jenkins.plugins.kargo.promotion.git.GitCommitStep;
import io.jenkins.plugins.kargo.promotion.git.GitPushStep;
import io.jenkins.plugins.kargo.promotion.git.GitTagStep;
import io.jenkins.plugins.kargo.promotion.git.RepositoryCache;
import io.jenkins.plugins.kargo.promotion.http.HttpStep;
import java.nio.file.Path;
import java.util.List;

/**
 * The promotion steps an engine runs: git ({@code git-clone} through a clone cache under the state directory,
 * {@code git-clear}, {@code git-tag}, {@code git-commit}, {@code git-push}), files ({@code kustomize-set-image},
 * {@code kustomize-build}, {@code yaml-update}, {@code helm-update-image}, {@code copy}, {@code delete},
 * {@code file-write}), {@code http}, {@code compose-output}, {@code fail},
 * and {@code argocd-update} and {@code argocd-wait}, which declare that they need the engine's Kubernetes client and
 * are made on their first use, so that commands that promote nothing never load one.
 */
final class BuiltinSteps {

    /** The directory under the state directory where promotions keep their clones. */
    static final String CLONE_CACHE = "promotion-git-cache";

    private final LazyKubernetes kubernetes;

    BuiltinSteps(LazyKubernetes kubernetes) {
        this.kubernetes = kubernetes;
    }

    StepRegistry registry(Path stateDirectory) {
        return StepRegistry.of(List.of(
                StepRegistration.of(new GitCloneStep(new RepositoryCache(stateDirectory.resolve(CLONE_CACHE)))),
                StepRegistration.of(new GitClearStep()), StepRegistration.of(new GitTagStep()),
                StepRegistration.of(new GitCommitStep()), StepRegistration.of(new GitPushStep()),
                StepRegistration.of(new KustomizeSetImageStep()), StepRegistration.of(new KustomizeBuildStep()),
                StepRegistration.of(new YamlUpdateStep()), StepRegistration.of(new HelmUpdateImageStep()),
                StepRegistration.of(new CopyStep()), StepRegistration.of(new DeleteStep()),
                StepRegistration.of(new FileWriteStep()),
                StepRegistration.of(new HttpStep()), StepRegistration.of(new ComposeOutputStep()),
                StepRegistration.of(new FailStep()),
                StepRegistration.needing(ArgoCdUpdater.NAME, StepRegistration.Need.KUBERNETES,
                        services -> new ArgoCdUpdater(services.kubernetes())),
                StepRegistration.needing(ArgoCdWaiter.NAME, StepRegistration.Need.KUBERNETES,
                        services -> new ArgoCdWaiter(services.kubernetes()))), kubernetes::get);
    }
}
