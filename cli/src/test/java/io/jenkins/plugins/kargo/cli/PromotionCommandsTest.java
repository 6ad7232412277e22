package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kargo promote}, {@code approve}, {@code rollback} and {@code get stages|promotions|freight --stage} end to
 * end: a project whose stages run git-clone, kustomize-set-image, git-commit and git-push against a real bare git
 * repository.
 */
class PromotionCommandsTest {

    @TempDir
    Path temp;

    Path state;
    BareGitRepository gitops;

    private KargoRun kargo(String... args) {
        return KargoRun.of(state, args);
    }

    @BeforeEach
    void project() throws Exception {
        state = temp.resolve("state");
        gitops = BareGitRepository.create(temp, "gitops");
        gitops.commit("overlays", Instant.parse("2024-11-01T00:00:00Z"), Map.of(
                "overlays/dev/kustomization.yaml", "resources:\n  - ../../base\n",
                "overlays/prod/kustomization.yaml", "resources:\n  - ../../base\n"));
        Path config = Files.createDirectories(temp.resolve("kargo"));
        Files.writeString(config.resolve("shop.yaml"), ShopProject.header("registry.local/app", ShopProject.AUTO_PROMOTE_DEV)
                + stage("dev", "direct: true") + stage("prod", "stages: [dev]"));
        KargoRun apply = kargo("apply", "-f", config.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        try (KargoStore store = KargoStore.open(state)) {
            for (String[] f : new String[][] {{"v1.0.0", "first"}, {"v1.1.0", "second"}, {"v1.2.0-rc.1", "candidate"}}) {
                store.freight().create("shop", new Freight("", f[1], FreightOrigin.warehouse("images"), null,
                        List.of(new FreightImage("registry.local/app", f[0], "sha256:" + "a".repeat(63) + f[1].length(),
                                Map.of(), "")), List.of(), List.of(), List.of()));
            }
        }
    }

    private String stage(String name, String sources) {
        return GitopsStage.yaml(name, sources, "registry.local/app", gitops.fileUrl(), "maturity: [stable]", "");
    }

    @Test
    void promoteApproveRollbackAndTheGetCommands() throws Exception {
        KargoRun refused = kargo("promote", "--stage", "prod", "--freight-alias", "first");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("is not available to stage prod: not verified in dev");
        KargoRun rc = kargo("promote", "--stage", "dev", "--freight-alias", "candidate");
        assertThat(rc.err()).contains("pre-release v1.2.0-rc.1 of registry.local/app (beta) refused: dev accepts stable only");

        KargoRun first = kargo("promote", "--stage", "dev", "--freight-alias", "first");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("promotion/dev\\.[0-9a-z]{26}\\.[0-9a-f]{7} created")
                .contains("  step-1 (git-clone): Succeeded", "  step-4 (git-push): Succeeded")
                .containsPattern("promotion/dev\\.\\S+ Succeeded");
        KargoRun second = kargo("promote", "--stage", "dev", "--freight-alias", "second", "--wait");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(read("overlays/dev/kustomization.yaml")).contains("newTag: v1.1.0");

        KargoRun history = kargo("get", "freight", "--stage", "dev");
        assertThat(history.out().lines().toList()).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("NAME").contains("ALIAS", "VERSION", "PROMOTED", "PROMOTION", "CURRENT");
            assertThat(lines.get(1)).contains("second", "v1.1.0").endsWith("*");
            assertThat(lines.get(2)).contains("first", "v1.0.0").doesNotContain("*");
        }).hasSize(3);

        KargoRun rollback = kargo("rollback", "--stage", "dev");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(read("overlays/dev/kustomization.yaml")).contains("newTag: v1.0.0");
        KargoRun stages = kargo("get", "stages");
        assertThat(stages.out().lines().toList()).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("NAME").contains("CURRENT FREIGHT", "HEALTH", "LAST PROMOTION", "HOLD");
            assertThat(lines.get(1)).startsWith("dev").contains("first", "Healthy", "(Succeeded)",
                    "first by " + System.getProperty("user.name"));
            assertThat(lines.get(2)).startsWith("prod").contains("<none>");
        });

        KargoRun approve = kargo("approve", "--freight-alias", "second", "--stage", "prod");
        assertThat(approve.out()).isEqualTo("freight/second approved for stage prod" + System.lineSeparator());
        KargoRun prod = kargo("promote", "--stage", "prod", "--freight-alias", "second");
        assertThat(prod.exitCode()).as(prod.err()).isZero();
        assertThat(read("overlays/prod/kustomization.yaml")).contains("newTag: v1.1.0");

        KargoRun promotions = kargo("get", "promotions", "--stage", "dev");
        assertThat(promotions.out().lines().skip(1).toList()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("dev.").contains(" dev ", "Succeeded"));
        JsonNode json = new ObjectMapper().readTree(kargo("get", "promotions", "-o", "json").out());
        assertThat(json.get("items")).hasSize(4);
        assertThat(json.get("items").get(3).at("/status/stage").asText()).isEqualTo("prod");
        assertThat(json.get("items").get(3).at("/status/steps")).hasSize(4);

        KargoRun abort = kargo("promote", "--name", "dev.nothing", "--abort");
        assertThat(abort.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(abort.err()).contains("promotion dev.nothing not found in project shop");
    }

    @Test
    void refreshStageAutoPromotesTheNewestAvailableFreightOnce() throws Exception {
        KargoRun refresh = kargo("refresh", "stage", "dev");
        assertThat(refresh.exitCode()).as(refresh.err()).isZero();
        String second;
        try (KargoStore store = KargoStore.open(state)) {
            second = store.freight().byAlias("shop", "second").orElseThrow().name();
        }
        assertThat(refresh.out()).containsPattern("stage/dev refreshed: promotion/dev\\.\\S+ of Freight " + second
                        + " auto-promoted").contains("  step-4 (git-push): Succeeded")
                .containsPattern("promotion/dev\\.\\S+ Succeeded");
        assertThat(read("overlays/dev/kustomization.yaml")).contains("newTag: v1.1.0");
        assertThat(kargo("refresh", "stage", "dev").out()).isEqualTo("stage/dev refreshed: nothing to auto-promote"
                + System.lineSeparator());
        assertThat(kargo("refresh", "stage", "prod").out()).contains("nothing to auto-promote");
        assertThat(kargo("get", "promotions").out().lines().skip(1).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("second", "Succeeded"));
    }

    @Test
    void applyWarnsThatTheSeedsBetaOrStableRangeAdmitsAlphaAndNamesTheMaturityFix() throws Exception {
        Path config = Files.createDirectories(temp.resolve("uat"));
        Files.writeString(config.resolve("uat.yaml"), """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata:
                  name: uat
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata:
                  name: images
                  namespace: uat
                spec:
                  subscriptions:
                    - image:
                        repoURL: registry.local/app
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: uat
                  namespace: uat
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      sources: {direct: true}
                      semverConstraint: ">=1.0.0-beta || >=1.0.0"
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: git-clone
                          config: {repoURL: https://git.example.com/a.git, checkout: [{branch: main, path: ./out}]}
                """);
        KargoRun apply = kargo("apply", "-f", config.toString());
        assertThat(apply.exitCode()).isZero();
        assertThat(apply.err()).contains("warning:", "uat.yaml", "also admits alpha pre-releases", "maturity: [beta, stable]");
    }

    private String read(String path) throws Exception {
        try (Repository repo = Git.open(gitops.gitDir().toFile()).getRepository();
             TreeWalk walk = TreeWalk.forPath(repo, path, repo.resolve("refs/heads/main^{tree}"))) {
            return new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
