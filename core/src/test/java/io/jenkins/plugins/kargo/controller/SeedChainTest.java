package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's chain, dev → staging → uat → preprod → production, promoted stage by stage with the example project's
 * own stages (their {@code promotionMechanisms} translated into git-clone, kustomize-set-image, git-commit and
 * git-push) into a real bare git repository of kustomize overlays, by hand at the gates. The stages'
 * {@code argoCDAppUpdates} and {@code verification} are cut from this copy of the example, so that this test is
 * about promotion alone: {@code argocd-update} is tested against fabric8's mock server on its own and verification
 * by {@link DeliveryLoopTest}. Without a verification, promoted Freight is verified in its stage at once.
 */
class SeedChainTest {

    static final String PROJECT = "myapp";
    static final List<String> STAGES = List.of("dev", "staging", "uat", "preprod", "production");

    @TempDir
    Path dir;

    BareGitRepository gitops;
    KargoEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        gitops = BareGitRepository.create(dir, "gitops-config");
        Map<String, String> overlays = new LinkedHashMap<>();
        for (String stage : STAGES) {
            overlays.put("overlays/" + stage + "/kustomization.yaml", """
                    # the %s overlay
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - ../../base
                    images:
                      - name: harbor.yourdomain.com/services/user-service
                        newTag: v1.0.0
                    """.formatted(stage));
        }
        gitops.commit("overlays", Instant.parse("2024-11-01T00:00:00Z"), overlays);
        Path config = ExampleProject.copyTo(dir.resolve("kargo"),
                Map.of("https://github.com/yourorg/gitops-config.git", gitops.fileUrl()));
        try (Stream<Path> stages = Files.list(config.resolve("stages"))) {
            for (Path stage : stages.toList()) {
                String yaml = Files.readString(stage);
                Files.writeString(stage, yaml.replaceAll("(?m)^    argoCDAppUpdates:\\n(?:      .*\\n)*", "")
                        .replaceAll("(?m)^  verification:\\n(?:    .*\\n|\\s*\\n)*", ""));
            }
        }
        engine = KargoEngine.builder(KargoStore.open(dir.resolve("state"))).build();
        engine.apply(config);
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void freightTravelsTheWholeChainThroughTheManualGatesAndRollsBack() throws Exception {
        Freight alpha = freight("v1.2.3-alpha.20241114153045", "alpha");
        List<Promotion> auto = engine.reconcileStages(PROJECT);
        assertThat(auto).as("dev, then staging once the Freight is verified in dev").extracting(Promotion::stage)
                .containsExactly("dev", "staging");
        Promotion first = engine.store().promotions().get(PROJECT, auto.get(0).name()).orElseThrow();
        assertThat(first.phase()).as(first.message() + first.steps()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(tags("dev")).containsOnly("v1.2.3-alpha.20241114153045");
        assertThat(tags("staging")).containsOnly("v1.2.3-alpha.20241114153045");

        // uat is a manual gate that takes beta and stable only
        assertThatThrownBy(() -> engine.promote(PROJECT, "uat", "alpha", "qa-lead"))
                .hasMessageEndingWith("pre-release v1.2.3-alpha.20241114153045 of harbor.yourdomain.com/services/"
                        + "user-service (alpha) refused: uat accepts beta and stable only");

        Freight stable = freight("v1.2.3", "stable");
        assertThat(engine.reconcileStages(PROJECT)).extracting(Promotion::stage).containsExactly("dev", "staging");
        for (String stage : List.of("uat", "preprod", "production")) {
            Promotion promotion = engine.promote(PROJECT, stage, "stable", "release-manager");
            assertThat(engine.runPromotions(PROJECT, stage)).isTrue();
            Promotion done = engine.store().promotions().get(PROJECT, promotion.name()).orElseThrow();
            assertThat(done.phase()).as(done.message()).isEqualTo(PromotionPhase.Succeeded);
            assertThat(done.steps()).extracting(s -> s.uses()).containsExactly(
                    "git-clone", "kustomize-set-image", "git-commit", "git-push");
        }
        for (String stage : STAGES) {
            assertThat(tags(stage)).as(stage).containsOnly("v1.2.3");
            assertThat(current(stage)).as(stage).isEqualTo(stable.name());
        }
        List<RevCommit> log = log();
        assertThat(log).hasSize(1 + 2 + 5);
        assertThat(log.get(0).getFullMessage()).startsWith("Promote Freight " + stable.name() + " (stable) to stage production")
                .contains("harbor.yourdomain.com/services/payment-service:v1.2.3");
        assertThat(read("overlays/production/kustomization.yaml")).startsWith("# the production overlay\n");

        // promoting what the branch already has makes no commit (and so a re-run after a crash applies nothing twice)
        engine.promote(PROJECT, "production", "stable", "release-manager");
        engine.runPromotions(PROJECT, "production");
        assertThat(log()).hasSize(8);

        // rollback of dev: the previous Freight, through the same steps, and auto-promotion is held
        Promotion rollback = engine.rollback(PROJECT, "dev", null, "oncall");
        assertThat(rollback.freight()).isEqualTo(alpha.name());
        engine.runPromotions(PROJECT, "dev");
        assertThat(tags("dev")).containsOnly("v1.2.3-alpha.20241114153045");
        assertThat(engine.store().stages().status(PROJECT, "dev").hold()).isPresent();
        assertThat(engine.reconcileStages(PROJECT)).as("held").isEmpty();
        assertThat(log()).hasSize(9);
    }

    @Test
    void gatesPromotedAtOnceRunInParallelIntoOneBranchAndLoseNoUpdate() throws Exception {
        Freight stable = freight("v2.0.0", "stable");
        engine.reconcileStages(PROJECT);
        engine.approve(PROJECT, "stable", "staging", "release-manager");
        engine.reconcileStages(PROJECT);
        List<String> gates = List.of("uat", "preprod", "production");
        for (String stage : gates) {
            engine.approve(PROJECT, "stable", stage, "release-manager");
            engine.promote(PROJECT, stage, "stable", "release-manager");
        }
        assertThat(engine.reconcileStages(PROJECT)).as("nothing left to auto-promote").isEmpty();
        for (String stage : STAGES) {
            assertThat(tags(stage)).as(stage).containsOnly("v2.0.0");
            assertThat(current(stage)).isEqualTo(stable.name());
        }
        assertThat(log()).hasSize(1 + STAGES.size());
    }

    private Freight freight(String tag, String alias) {
        List<FreightImage> images = new ArrayList<>();
        for (String service : ExampleProject.services()) {
            images.add(new FreightImage("harbor.yourdomain.com/services/" + service, tag,
                    "sha256:" + String.format("%064x", (service + tag).hashCode() & 0xffffffffL), Map.of(), ""));
        }
        return engine.store().freight().create(PROJECT, new Freight("", alias, FreightOrigin.warehouse("services-warehouse"),
                null, images, List.of(), List.of(), List.of())).freight();
    }

    private String current(String stage) {
        return engine.store().stages().status(PROJECT, stage).current().orElseThrow().items().get("Warehouse/services-warehouse");
    }

    /** The newTag values in the stage's overlay on main. */
    private List<String> tags(String stage) throws IOException {
        return read("overlays/" + stage + "/kustomization.yaml").lines().map(String::strip)
                .filter(l -> l.startsWith("newTag:")).map(l -> l.substring("newTag:".length()).strip()).toList();
    }

    private String read(String path) {
        return gitops.read("main", path);
    }

    private List<RevCommit> log() throws Exception {
        try (Git git = Git.open(gitops.gitDir().toFile())) {
            List<RevCommit> commits = new ArrayList<>();
            git.log().add(git.getRepository().resolve("refs/heads/main")).call().forEach(commits::add);
            return commits;
        }
    }
}
