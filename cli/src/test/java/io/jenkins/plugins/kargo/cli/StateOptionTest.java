package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateOptionTest {

    @Test
    void anEmptyStatePathIsRefusedAndNoDatabaseAppearsInTheWorkingDirectory() throws Exception {
        Path here = Path.of("kargo.db").toAbsolutePath();
        boolean there = Files.exists(here);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = KargoCommand.run(new PrintWriter(out), new PrintWriter(err), "get", "stages", "--state", "");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--state'",
                "an empty path names no state directory");
        assertThat(Files.exists(here)).as("no state made in " + here.getParent()).isEqualTo(there);
    }

    @Test
    void aBrokenCredentialsFileStopsOnlyCommandsThatNeedCredentials(@org.junit.jupiter.api.io.TempDir Path state)
            throws Exception {
        Files.writeString(state.resolve("credentials.yaml"), "kind: Secret\nmetadata: {name: x\n");

        Path project = state.resolve("project.yaml");
        Files.writeString(project, "apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata: {name: shop}\n");
        KargoRun apply = KargoRun.of(state, "apply", "-f", project.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();

        KargoRun stages = KargoRun.of(state, "get", "stages");

        assertThat(stages.exitCode()).as(stages.err()).isZero();
    }

    @Test
    void optionsThatExcludeEachOtherAreNamedWithoutPicocliGroupSyntax(@org.junit.jupiter.api.io.TempDir Path state) {
        KargoRun promote = KargoRun.of(state, "promote", "--stage", "dev", "--freight-alias", "a", "--warehouse", "w");

        assertThat(promote.exitCode()).isEqualTo(2);
        assertThat(promote.err().lines().findFirst().orElseThrow()).isEqualTo("Error: --stage, --freight-alias,"
                + " --warehouse cannot be given together; `kargo promote --help` shows which options go together");
        assertThat(promote.err()).doesNotContain("expected only one match");
    }
}
