package io.jenkins.plugins.kargo.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirPathTest {

    @TempDir
    Path tmp;

    @Test
    void relativePathsResolveInsideTheWorkingDirectory() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));

        assertThat(WorkDirPath.resolve(work, "path", "./out/apps/../dev")).isEqualTo(work.resolve("out/dev"));
        assertThat(WorkDirPath.resolve(work, "path", "not-yet/created")).isEqualTo(work.resolve("not-yet/created"));
    }

    @Test
    void climbingOutAbsolutePathsAndBlankValuesAreRefusedNamingTheField() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));

        assertThatThrownBy(() -> WorkDirPath.resolve(work, "config.checkout[1].path", "out/../../x"))
                .isInstanceOf(StepException.class)
                .hasMessage("config.checkout[1].path is 'out/../../x', which leaves the promotion's working directory; "
                        + "remove the '..'");
        assertThatThrownBy(() -> WorkDirPath.resolve(work, "config.path", "/etc/passwd"))
                .hasMessage("config.path is '/etc/passwd', which is absolute; use a path relative to the promotion's "
                        + "working directory");
        assertThatThrownBy(() -> WorkDirPath.resolve(work, "config.path", " "))
                .hasMessage("config.path is required; give a path relative to the promotion's working directory");
    }

    @Test
    void symbolicLinkLeadingOutIsRefused() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(work.resolve("repo-link"), outside);
        Files.createSymbolicLink(work.resolve("inner-link"), Files.createDirectories(work.resolve("inner")));

        assertThatThrownBy(() -> WorkDirPath.resolve(work, "path", "repo-link/kustomization.yaml"))
                .hasMessageContaining("through a symbolic link");
        assertThat(WorkDirPath.resolve(work, "path", "inner-link/file")).isEqualTo(work.resolve("inner-link/file"));
    }
}
