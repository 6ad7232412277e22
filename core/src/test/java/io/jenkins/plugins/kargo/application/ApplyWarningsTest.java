package io.jenkins.plugins.kargo.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.WarningKind;
import io.jenkins.plugins.kargo.application.command.ApplyResult;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.command.WarningGroup;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's twenty-odd warnings, grouped by kind for a face to print one line each, and counted once. */
class ApplyWarningsTest {

    @TempDir
    Path dir;

    @Test
    void theExampleWarningsAreGroupedByKindWithTheirCountAndFiles() throws Exception {
        ApplyResult applied;
        try (Kargo kargo = Kargo.builder(dir.resolve("state")).build()) {
            applied = kargo.commands().apply(ConfigInput.path(ExampleProject.directory()), "alice");
        }

        // counted by hand from examples/myapp/kargo: 5 stages with promotionMechanisms, 4 with analysisRuns,
        // 3 image subscriptions with semverConstraint and allowTags, 3 packages written as charts, ...
        assertThat(applied.warnings()).hasSize(22);
        List<WarningGroup> groups = applied.warningGroups();
        assertThat(groups).extracting(WarningGroup::kind).doesNotHaveDuplicates();
        assertThat(groups).extracting(g -> g.warnings().size()).containsExactlyInAnyOrder(2, 1, 1, 5, 4, 3, 3, 3);
        WarningGroup mechanisms = groups.stream().filter(g -> g.kind() == WarningKind.PROMOTION_MECHANISMS)
                .findFirst().orElseThrow();
        assertThat(mechanisms.files()).hasSize(5).allMatch(f -> f.contains("stages/") && f.endsWith("-stage.yaml"));
        assertThat(mechanisms.toString()).startsWith("5 × 'promotionMechanisms' is Kargo's pre-v1.0 form")
                .contains("dev-stage.yaml", "production-stage.yaml").doesNotContain(":17");
        WarningGroup policies = groups.stream().filter(g -> g.kind() == WarningKind.PROJECT_PROMOTION_POLICIES)
                .findFirst().orElseThrow();
        assertThat(policies.toString()).as("a lone warning is shown in full, with its line and fix")
                .contains("project.yaml:7", "Fix: move the policies to a ProjectConfig");
        assertThat(applied.summary())
                .isEqualTo("applied with 22 warnings (12 deprecated fields, 8 non-Kargo forms, 2 conditions to check)");
    }

    @Test
    void noWarningsNoSummary() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("p.yaml"), """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata: {name: quiet}
                """);
        try (Kargo kargo = Kargo.builder(dir.resolve("state")).build()) {
            ApplyResult applied = kargo.commands().apply(ConfigInput.path(dir.resolve("p.yaml")), "alice");
            assertThat(applied.warningGroups()).isEmpty();
            assertThat(applied.summary()).isEmpty();
        }
    }
}
