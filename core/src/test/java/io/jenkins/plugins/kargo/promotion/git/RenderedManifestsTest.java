package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.git.Promotions.config;
import static io.jenkins.plugins.kargo.promotion.git.Promotions.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.files.KustomizeBuildStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kargo's rendered-manifests pattern against a bare repository on disk, with Debian's {@code kubectl kustomize}:
 * {@code git-clone} the source and the stage's rendered branch, {@code git-clear} the rendered one,
 * {@code kustomize-build} into it, {@code git-commit} and {@code git-push}. Checked with the git command.
 */
class RenderedManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: guestbook}
            spec:
              selector: {matchLabels: {app: guestbook}}
              template:
                metadata: {labels: {app: guestbook}}
                spec: {containers: [{name: web, image: ghcr.io/acme/guestbook:1.0.0}]}
            """;

    @TempDir
    Path tmp;
    BareRepository remote;
    Promotions steps;
    final GitClearStep clear = new GitClearStep();
    final KustomizeBuildStep build = new KustomizeBuildStep();

    @BeforeEach
    void setUp() throws Exception {
        remote = BareRepository.create(tmp.resolve("gitops.git"), Map.of(
                "base/deployment.yaml", DEPLOYMENT,
                "base/service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: guestbook}\n"
                        + "spec: {ports: [{port: 80}]}\n",
                "base/kustomization.yaml", "resources: [deployment.yaml, service.yaml]\n",
                "env/dev/kustomization.yaml", """
                        namespace: guestbook-dev
                        resources: [../../base]
                        images: [{name: ghcr.io/acme/guestbook, newTag: 1.2.0}]
                        """));
        steps = new Promotions(tmp.resolve("cache"));
    }

    private void promote(String promotion) throws Exception {
        StepContext context = context(tmp, promotion);
        ok(steps.clone.run(context, config("""
                repoURL: %s
                checkout:
                  - {branch: main, path: ./src}
                  - {branch: stage/dev, create: true, path: ./out}
                """.formatted(remote.directory()))));
        ok(clear.run(context, config("{path: ./out}")));
        ok(build.run(context, config("{path: ./src/env/dev, outPath: ./out}")));
        ok(steps.commit.run(context, config("{path: ./out, message: 'render dev'}")));
        ok(steps.push.run(context, config("{path: ./out, targetBranch: stage/dev}")));
    }

    private static StepResult ok(StepResult result) {
        assertThat(result.status()).as(result.message()).isIn(StepStatus.Succeeded, StepStatus.Skipped);
        return result;
    }

    private List<String> renderedFiles() throws Exception {
        return BareRepository.git(remote.directory(), "ls-tree", "--name-only", "-r", "stage/dev").lines().toList();
    }

    @Test
    void theStageBranchHoldsExactlyTheRenderedManifests() throws Exception {
        promote("p1");

        assertThat(renderedFiles()).containsExactlyInAnyOrder("guestbook-dev-deployment-guestbook.yaml",
                "guestbook-dev-service-guestbook.yaml");
        assertThat(remote.show("stage/dev", "guestbook-dev-deployment-guestbook.yaml"))
                .contains("image: ghcr.io/acme/guestbook:1.2.0").contains("namespace: guestbook-dev");

        // a resource the source drops is gone from the stage branch after the next render: git-clear removed it
        remote.pushFromElsewhere(tmp, "base/kustomization.yaml", "resources: [deployment.yaml]\n", "drop service");
        promote("p2");
        assertThat(renderedFiles()).containsExactly("guestbook-dev-deployment-guestbook.yaml");
        assertThat(remote.subjects("stage/dev")).containsExactly("render dev", "render dev");

        // nothing changed: no commit
        promote("p3");
        assertThat(remote.subjects("stage/dev")).hasSize(2);
    }

    @Test
    void oneFileOrKustomizesOwnFileNames() throws Exception {
        StepContext context = context(tmp, "p1");
        ok(steps.clone.run(context, config("repoURL: %s\ncheckout: [{branch: main, path: ./src}]"
                .formatted(remote.directory()))));

        ok(build.run(context, config("{path: src/env/dev, outPath: rendered/all.yaml}")));
        String all = Files.readString(context.workDir().resolve("rendered/all.yaml"));
        assertThat(all.split("(?m)^---$")).hasSize(2);
        assertThat(all).contains("kind: Service").contains("kind: Deployment");

        ok(build.run(context, config("{path: src/env/dev, outPath: named, outputFormat: kustomize}")));
        try (var files = Files.list(context.workDir().resolve("named"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("apps_v1_deployment_guestbook.yaml", "v1_service_guestbook.yaml");
        }
    }

    @Test
    void refusalsNameTheFieldAndKustomizesOwnError() throws Exception {
        StepContext context = context(tmp, "p1");
        ok(steps.clone.run(context, config("repoURL: %s\ncheckout: [{branch: main, path: ./src}]"
                .formatted(remote.directory()))));
        Files.writeString(io.jenkins.plugins.kargo.promotion.WorkDirPath.resolve(context.workDir(), "path",
                "src/env/dev/kustomization.yaml"), "resources: [missing.yaml]\n");

        assertThat(build.run(context, config("{path: src/env/dev, outPath: out}")).message())
                .startsWith("kustomize-build: kubectl kustomize src/env/dev failed:").contains("missing.yaml")
                .doesNotContain(tmp.toString());
        assertThat(build.run(context, config("{path: src/env/dev, outPath: ../../etc}")).message())
                .contains("config.outPath is '../../etc', which leaves the promotion's working directory");
        assertThat(build.run(context, config("{path: src, outPath: o, plugin: {helm: {kubeVersion: '1.30'}}}"))
                .message()).contains("config.plugin asks for Helm chart inflation");
        assertThat(new KustomizeBuildStep(tmp.resolve("no-kubectl").toString())
                .run(context, config("{path: src/env/dev, outPath: o}")).message()).contains("install Debian's kubectl");
        assertThat(clear.run(context, config("{path: .}")).message()).contains("is not a git working tree");
    }
}
