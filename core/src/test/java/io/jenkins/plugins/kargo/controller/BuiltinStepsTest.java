package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinStepsTest {

    @TempDir
    Path state;

    @Test
    void theEngineKnowsEveryStepIssueThreeAsksFor() {
        try (LazyKubernetes kubernetes = new LazyKubernetes(LazyKubernetes.FROM_KUBECONFIG)) {
            assertThat(new BuiltinSteps(kubernetes, OperatorSettings.DEFAULT).registry(state).names()).containsExactly("argocd-update",
                    "argocd-wait", "compose-output", "copy", "delete", "fail", "file-write", "git-clear", "git-clone",
                    "git-commit", "git-push", "git-tag", "helm-update-image", "http", "json-update", "kustomize-build",
                    "kustomize-set-image", "tar", "untar", "yaml-merge", "yaml-update");
        }
    }
}
