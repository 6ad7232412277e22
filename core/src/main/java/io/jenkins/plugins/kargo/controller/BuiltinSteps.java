package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.promotion.StepRegistration;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdater;
import io.jenkins.plugins.kargo.promotion.files.HelmUpdateImageStep;
import io.jenkins.plugins.kargo.promotion.files.KustomizeSetImageStep;
import io.jenkins.plugins.kargo.promotion.files.YamlUpdateStep;
import io.jenkins.plugins.kargo.promotion.git.GitCloneStep;
import io.jenkins.plugins.kargo.promotion.git.GitCommitStep;
import io.jenkins.plugins.kargo.promotion.git.GitPushStep;
import io.jenkins.plugins.kargo.promotion.git.RepositoryCache;
import io.jenkins.plugins.kargo.promotion.http.HttpStep;
import java.nio.file.Path;
import java.util.List;

/**
 * The promotion steps an engine runs: git ({@code git-clone} through a clone cache under the state directory,
 * {@code git-commit}, {@code git-push}), files ({@code kustomize-set-image}, {@code yaml-update},
 * {@code helm-update-image}), {@code http}, and {@code argocd-update}, which declares that it needs the engine's
 * Kubernetes client and is made on its first use, so that commands that promote nothing never load one.
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
                StepRegistration.of(new GitCommitStep()), StepRegistration.of(new GitPushStep()),
                StepRegistration.of(new KustomizeSetImageStep()), StepRegistration.of(new YamlUpdateStep()),
                StepRegistration.of(new HelmUpdateImageStep()), StepRegistration.of(new HttpStep()),
                StepRegistration.needing(ArgoCdUpdater.NAME, StepRegistration.Need.KUBERNETES,
                        services -> new ArgoCdUpdater(services.kubernetes()))), kubernetes::get);
    }
}
