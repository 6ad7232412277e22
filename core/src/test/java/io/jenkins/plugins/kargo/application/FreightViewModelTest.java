package io.jenkins.plugins.kargo.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.application.command.ApprovalResult;
import io.jenkins.plugins.kargo.application.command.CommandRefusedException;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.command.NotAnApproverException;
import io.jenkins.plugins.kargo.application.view.FreightCard;
import io.jenkins.plugins.kargo.application.view.FreightFilter;
import io.jenkins.plugins.kargo.application.view.FreightRef;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.FreightTimeline;
import io.jenkins.plugins.kargo.application.view.PromotionPreview;
import io.jenkins.plugins.kargo.application.view.StageCard;
import io.jenkins.plugins.kargo.application.view.StageDetail;
import io.jenkins.plugins.kargo.application.view.StepLine;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.GitOpsProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Freight view reads and asks for, over a real store, the built-in steps and a real GitOps repository: the
 * timeline's filters and paging, a stage's current versions and the Freight waiting at its gate, the preview of a
 * promotion (a dry run: nothing pushed, nothing recorded), and who may approve.
 */
class FreightViewModelTest {

    private static final String PROJECT = GitOpsProject.PROJECT;
    private static final String IMAGE = GitOpsProject.IMAGE;
    private static final String ADMIN = "admin@example.com";

    @TempDir
    Path dir;

    private GitOpsProject project;
    private BareGitRepository gitops;
    private Kargo kargo;

    @BeforeEach
    void applyTheProject() throws Exception {
        project = GitOpsProject.create(dir, null, List.of(ADMIN));
        gitops = project.gitops();
        kargo = Kargo.builder(dir.resolve("state")).build();
        kargo.commands().apply(ConfigInput.path(project.directory()), "alice");
    }

    @AfterEach
    void close() {
        kargo.close();
    }

    /** Stores a Freight as discovery would, through a store of its own (as another process would). */
    private Freight freight(String alias, Instant created, String image, String tag) {
        try (KargoStore store = KargoStore.open(dir.resolve("state"))) {
            return store.freight().create(PROJECT, new Freight("", alias, FreightOrigin.warehouse("images"), created,
                    List.of(new FreightImage(image, tag, "sha256:" + "0".repeat(60) + String.format("%04d", tag.length()),
                            Map.of(), "")), List.of(), List.of(), List.of())).freight();
        }
    }

    private Freight freight(String alias, int minute, String tag) {
        return freight(alias, Instant.parse("2026-12-04T10:00:00Z").plusSeconds(60L * minute), IMAGE, tag);
    }

    private void promoteIntoDev(String alias) throws Exception {
        kargo.commands().promote(PROJECT, "dev", FreightSelector.byAlias(alias), "bob");
        assertThat(kargo.commands().runQueue(PROJECT, "dev")).isTrue();
        assertThat(kargo.views().stage(PROJECT, "dev").lastPromotion().orElseThrow())
                .satisfies(p -> assertThat(p.phase()).as(p.message()).isEqualTo("Succeeded"));
    }

    @Test
    void theTimelineFiltersByMaturityArtifactAndTextAndPages() throws Exception {
        freight("alpha-one", 1, "1.0.0-alpha.1");
        freight("beta-one", 2, "1.0.0-rc.1");
        freight("stable-one", 3, "1.0.0");
        freight("other-one", 4, "2.0.0");
        freight("sha-one", Instant.parse("2026-12-04T11:00:00Z"), "registry.local/other", "sha-4b90c49");

        FreightTimeline all = kargo.views().timeline(PROJECT, FreightFilter.ALL, 0, 50);
        assertThat(all.freight()).extracting(FreightCard::alias)
                .containsExactly("sha-one", "other-one", "stable-one", "beta-one", "alpha-one");
        assertThat(all.freight()).extracting(f -> f.maturity().orElse("none"))
                .containsExactly("none", "stable", "stable", "beta", "alpha");
        assertThat(all.freight().get(3).artifacts().get(0).maturity()).contains("beta");
        assertThat(all.stages()).containsExactly("dev", "uat", "prod");
        assertThat(all.warehouses()).containsExactly("images");
        assertThat(all.artifacts()).containsExactly(IMAGE, "registry.local/other");

        assertThat(aliases(filter(Set.of("beta"), null, null))).containsExactly("beta-one");
        assertThat(aliases(filter(Set.of("alpha", "STABLE"), null, null))).containsExactly("other-one", "stable-one", "alpha-one");
        assertThat(aliases(filter(Set.of(), "registry.local/other", null))).containsExactly("sha-one");
        assertThat(aliases(filter(Set.of(), null, "RC.1"))).as("by version, any case").containsExactly("beta-one");
        assertThat(aliases(filter(Set.of(), null, "other-"))).as("by alias").containsExactly("other-one");
        assertThat(aliases(filter(Set.of("stable"), IMAGE, "1.0"))).containsExactly("stable-one");

        FreightTimeline page = kargo.views().timeline(PROJECT, FreightFilter.ALL, 2, 2);
        assertThat(page.freight()).extracting(FreightCard::alias).containsExactly("stable-one", "beta-one");
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.offset()).isEqualTo(2);
        assertThat(page.limit()).isEqualTo(2);

        assertThatThrownBy(() -> filter(Set.of("gamma"), null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maturity 'gamma' is not one of alpha, beta, stable");
    }

    private FreightFilter filter(Set<String> maturity, String artifact, String text) {
        return new FreightFilter(Optional.empty(), List.of(), maturity, Optional.ofNullable(artifact),
                Optional.ofNullable(text));
    }

    private List<String> aliases(FreightFilter filter) throws Exception {
        FreightTimeline timeline = kargo.views().timeline(PROJECT, filter, 0, 50);
        assertThat(timeline.total()).isEqualTo(timeline.freight().size());
        return timeline.freight().stream().map(FreightCard::alias).toList();
    }

    @Test
    void aStageCardShowsItsVersionsAndTheFreightWaitingAtItsGate() throws Exception {
        freight("first", 1, "1.0.0");
        promoteIntoDev("first");

        StageCard dev = kargo.views().stage(PROJECT, "dev");
        assertThat(dev.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.repository()).isEqualTo(IMAGE);
            assertThat(a.version()).isEqualTo("1.0.0");
        });
        assertThat(dev.waitingFreight()).as("auto-promoted: nobody waits").isEmpty();
        StageCard uat = kargo.views().stage(PROJECT, "uat");
        assertThat(uat.gate().manual()).isTrue();
        assertThat(uat.gate().approvers()).containsExactly(ADMIN);
        assertThat(uat.waitingFreight().map(FreightRef::alias)).contains("first");
        assertThat(uat.artifacts()).isEmpty();
    }

    @Test
    void aPreviewSaysWhatChangesAndShowsTheDiffWithoutPushingOrRecordingAnything() throws Exception {
        freight("first", 1, "1.0.0");
        freight("second", 2, "1.1.0");
        promoteIntoDev("first");
        String pushed = gitops.head();

        PromotionPreview preview = kargo.commands().preview(PROJECT, "dev", FreightSelector.byAlias("second"), "bob");

        assertThat(preview.freight().alias()).isEqualTo("second");
        assertThat(preview.availability().available()).isTrue();
        assertThat(preview.changes()).singleElement().satisfies(c -> {
            assertThat(c.repository()).isEqualTo(IMAGE);
            assertThat(c.from()).contains("1.0.0");
            assertThat(c.to()).isEqualTo("1.1.0");
        });
        assertThat(preview.phase()).isEqualTo("Succeeded");
        assertThat(preview.verification()).isEmpty();
        assertThat(preview.commits()).singleElement().satisfies(c -> {
            assertThat(c.repository()).isEqualTo(gitops.fileUrl());
            assertThat(c.branch()).isEqualTo("main");
            assertThat(c.paths()).containsExactly("overlays/dev/kustomization.yaml");
            assertThat(c.diff()).contains("--- a/overlays/dev/kustomization.yaml", "-    newTag: 1.0.0",
                    "+    newTag: 1.1.0");
        });
        assertThat(kargo.commands().preview(PROJECT, "uat", FreightSelector.byAlias("second"), "bob").verification())
                .containsExactly("sign-off");
        assertThat(gitops.head()).as("nothing pushed").isEqualTo(pushed);
        assertThat(gitops.read("main", "overlays/dev/kustomization.yaml")).contains("newTag: 1.0.0");
        assertThat(kargo.views().promotions(PROJECT, Optional.of("dev"))).as("nothing recorded").hasSize(1);
        assertThat(Files.list(dir.resolve("state/work/shop")).toList()).as("no working directory left").isEmpty();
    }

    @Test
    void aPreviewOfAStageThatSyncsArgoCdListsTheSyncWithoutRunningIt() throws Exception {
        freight("first", 1, "1.0.0");
        promoteIntoDev("first");

        PromotionPreview preview = kargo.commands().preview(PROJECT, "prod", FreightSelector.byAlias("first"), "bob");

        assertThat(preview.availability().available()).as("not verified in uat: previewed all the same").isFalse();
        assertThat(preview.changes()).singleElement().satisfies(c -> assertThat(c.from()).isEmpty());
        assertThat(preview.commits()).singleElement().satisfies(c -> assertThat(c.diff()).contains("+    newTag: 1.0.0"));
        assertThat(preview.steps()).extracting(StepLine::uses, StepLine::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("git-clone", "Succeeded"),
                org.assertj.core.groups.Tuple.tuple("kustomize-set-image", "Succeeded"),
                org.assertj.core.groups.Tuple.tuple("git-commit", "Succeeded"),
                org.assertj.core.groups.Tuple.tuple("git-push", "Succeeded"),
                org.assertj.core.groups.Tuple.tuple("argocd-update", "Skipped"));
        assertThat(preview.verification()).isEmpty();
        assertThat(preview.steps().get(4).message()).isEqualTo("not run in a preview: it acts outside the working directory");
        assertThat(preview.phase()).isEqualTo("Succeeded");
    }

    @Test
    void aPreviewOfFreightTheStageHasAlreadyShowsNoChange() throws Exception {
        freight("first", 1, "1.0.0");
        promoteIntoDev("first");

        PromotionPreview preview = kargo.commands().preview(PROJECT, "dev", FreightSelector.byAlias("first"), "bob");

        assertThat(preview.changes()).singleElement().satisfies(c -> assertThat(c.from()).contains(c.to()));
        assertThat(preview.commits()).singleElement().satisfies(c -> {
            assertThat(c.paths()).isEmpty();
            assertThat(c.diff()).isEmpty();
        });
    }

    @Test
    void onlyTheDashboardsAdminUsersMayApproveOrReject() throws Exception {
        freight("first", 1, "1.0.0");

        assertThatThrownBy(() -> kargo.commands().approve(PROJECT, "uat", FreightSelector.byAlias("first"), "mallory"))
                .isInstanceOf(NotAnApproverException.class).isInstanceOf(CommandRefusedException.class)
                .hasMessage("mallory may not approve Freight in stage uat: only " + ADMIN
                        + " may (the dashboard's rbac.adminUsers)")
                .satisfies(e -> assertThat(((NotAnApproverException) e).approvers()).containsExactly(ADMIN));
        assertThatThrownBy(() -> kargo.commands().reject(PROJECT, "uat", FreightSelector.byAlias("first"), "mallory"))
                .isInstanceOf(NotAnApproverException.class).hasMessageStartingWith("mallory may not reject");
        assertThat(kargo.views().freightCard(PROJECT, "first").approvedFor()).as("nothing approved").isEmpty();

        assertThat(kargo.commands().approve(PROJECT, "uat", FreightSelector.byAlias("first"), ADMIN))
                .isEqualTo(ApprovalResult.APPROVED);

        assertThat(kargo.views().freightCard(PROJECT, "first").approvedFor()).containsEntry("uat", ADMIN);
        StageDetail uat = kargo.views().stageDetail(PROJECT, "uat");
        assertThat(uat.decisions()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("approval");
            assertThat(d.freight().alias()).isEqualTo("first");
            assertThat(d.actor()).isEqualTo(ADMIN);
        });
    }
}
