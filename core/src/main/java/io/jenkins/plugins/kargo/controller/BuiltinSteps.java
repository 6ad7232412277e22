package io.jenkins.plugins.kargo.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdater;
import io.jenkins.plugins.kargo.promotion.files.HelmUpdateImageStep;
import io.jenkins.plugins.kargo.promotion.flow.ComposeOutputStep;
import io.jenkins.plugins.kargo.promotion.files.KustomizeSetImageStep;
import io.jenkins.plugins.kargo.promotion.files.YamlUpdateStep;
import io.jenkins.plugins.kargo.promotion.git.GitCloneStep;
import io.jenkins.plugins.kargo.promotion.git.GitCommitStep;
import io.jenkins.plugins.kargo.promotion.git.GitPushStep;
import io.jenkins.plugins.kargo.promotion.git.RepositoryCache;
import io.jenkins.plugins.kargo.promotion.http.HttpStep;
import java.nio.file.Path;

/**
 * The promotion steps an engine runs: git ({@code git-clone} through a clone cache under the state directory,
 * {@code git-commit}, {@code git-push}), files ({@code kustomize-set-image}, {@code yaml-update},
 * {@code helm-update-image}), {@code http} and {@code argocd-update}, which uses the engine's {@link LazyKubernetes}
 * only when it runs, so that commands that promote nothing never load a Kubernetes client.
 */
final class BuiltinSteps {

    /** The directory under the state directory where promotions keep their clones. */
    static final String CLONE_CACHE = "promotion-git-cache";

    private final LazyKubernetes kubernetes;
    private ArgoCdUpdater argocd;

    BuiltinSteps(LazyKubernetes kubernetes) {
        this.kubernetes = kubernetes;
    }

    StepRegistry registry(Path stateDirectory) {
        return StepRegistry.of(new GitCloneStep(new RepositoryCache(stateDirectory.resolve(CLONE_CACHE))),
                new GitCommitStep(), new GitPushStep(), new KustomizeSetImageStep(), new YamlUpdateStep(),
                new HelmUpdateImageStep(), new HttpStep(), new ComposeOutputStep(), new PromotionStepRunner() {
                    @Override
                    public String name() {
                        return "argocd-update";
                    }

                    @Override
                    public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
                        return argocd().run(context, config);
                    }
                });
    }

    private synchronized ArgoCdUpdater argocd() {
        if (argocd == null) {
            argocd = new ArgoCdUpdater(kubernetes.get());
        }
        return argocd;
    }
}
