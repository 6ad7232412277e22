package io.jenkins.plugins.kargo.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdater;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdWaiter;
import io.jenkins.plugins.kargo.promotion.files.HelmUpdateImageStep;
import io.jenkins.plugins.kargo.promotion.files.KustomizeBuildStep;
import io.jenkins.plugins.kargo.promotion.files.KustomizeSetImageStep;
import io.jenkins.plugins.kargo.promotion.files.YamlUpdateStep;
import io.jenkins.plugins.kargo.promotion.flow.ComposeOutputStep;
import io.jenkins.plugins.kargo.promotion.git.GitClearStep;
import io.jenkins.plugins.kargo.promotion.git.GitCloneStep;
import io.jenkins.plugins.kargo.promotion.git.GitCommitStep;
import io.jenkins.plugins.kargo.promotion.git.GitPushStep;
import io.jenkins.plugins.kargo.promotion.git.RepositoryCache;
import io.jenkins.plugins.kargo.promotion.http.HttpStep;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The promotion steps an engine runs: git ({@code git-clone} through a clone cache under the state directory,
 * {@code git-commit}, {@code git-push}), files ({@code kustomize-set-image}, {@code yaml-update},
 * {@code helm-update-image}), {@code http}, {@code compose-output}, and {@code argocd-update} and
 * {@code argocd-wait}, which use the engine's {@link LazyKubernetes} only when they run, so that commands that
 * promote nothing never load a Kubernetes client.
 */
final class BuiltinSteps {

    /** The directory under the state directory where promotions keep their clones. */
    static final String CLONE_CACHE = "promotion-git-cache";

    private final LazyKubernetes kubernetes;

    BuiltinSteps(LazyKubernetes kubernetes) {
        this.kubernetes = kubernetes;
    }

    StepRegistry registry(Path stateDirectory) {
        return StepRegistry.of(new GitCloneStep(new RepositoryCache(stateDirectory.resolve(CLONE_CACHE))),
                new GitCommitStep(), new GitPushStep(), new KustomizeSetImageStep(), new YamlUpdateStep(),
                new HelmUpdateImageStep(), new HttpStep(), new ComposeOutputStep(), new GitClearStep(),
                new KustomizeBuildStep(),
                new WithKubernetes(ArgoCdUpdater.NAME, ArgoCdUpdater::new),
                new WithKubernetes(ArgoCdWaiter.NAME, ArgoCdWaiter::new));
    }

    /** A step that needs the Kubernetes client, made with it when it first runs. */
    private final class WithKubernetes implements PromotionStepRunner {
        private final String name;
        private final Function<KubernetesClient, PromotionStepRunner> make;
        private PromotionStepRunner step;

        WithKubernetes(String name, Function<KubernetesClient, PromotionStepRunner> make) {
            this.name = name;
            this.make = make;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
            return step().run(context, config);
        }

        private synchronized PromotionStepRunner step() {
            if (step == null) {
                step = make.apply(kubernetes.get());
            }
            return step;
        }
    }
}
