package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.testkit.ExampleProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kargo apply} of the example: one warning line per kind, every warning with -v, one summary at the end. */
class ApplyWarningsOutputTest {

    @TempDir
    Path state;

    @Test
    void oneLinePerKindThenTheSummaryLast() {
        KargoRun apply = KargoRun.of(state, "apply", "-f", ExampleProject.directory().toString());

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        List<String> lines = apply.err().lines().toList();
        assertThat(lines).hasSize(8 + 1);
        assertThat(lines.subList(0, 8)).allMatch(line -> line.startsWith("warning: "));
        assertThat(lines).anyMatch(line -> line.startsWith("warning: 5 × 'promotionMechanisms'")
                && line.contains("stages/dev-stage.yaml") && line.contains("stages/uat-stage.yaml"));
        assertThat(lines.get(8)).isEqualTo("applied with 22 warnings (12 deprecated fields, 8 non-Kargo forms,"
                + " 2 conditions to check); kargo apply -v lists each");
        assertThat(apply.out()).contains("stage/production configured (project myapp)");
    }

    @Test
    void verboseListsEveryWarningWithItsLine() {
        KargoRun apply = KargoRun.of(state, "apply", "-v", "-f", ExampleProject.directory().toString());

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        List<String> lines = apply.err().lines().toList();
        assertThat(lines).hasSize(22 + 1);
        assertThat(lines).contains("warning: " + ExampleProject.directory().resolve("stages/dev-stage.yaml")
                + ":17 spec.promotionMechanisms: 'promotionMechanisms' is Kargo's pre-v1.0 form: it is translated"
                + " into promotion steps. Fix: in new configuration write promotionTemplate.spec.steps (git-clone,"
                + " kustomize-set-image, git-commit, git-push, argocd-update)");
        assertThat(lines.get(22)).startsWith("applied with 22 warnings (");
    }
}
