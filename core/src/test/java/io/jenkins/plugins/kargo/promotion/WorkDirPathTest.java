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

        assertThatThrownBy(() -> WorkDirPath.resolve(work, "checkout[1].path", "out/../../x"))
                .hasMessage("field 'checkout[1].path': 'out/../../x' leaves the promotion's working directory; remove the '..'");
        assertThatThrownBy(() -> WorkDirPath.resolve(work, "path", "/etc/passwd"))
                .hasMessage("field 'path': '/etc/passwd' is absolute; use a path relative to the promotion's working directory");
        assertThatThrownBy(() -> WorkDirPath.resolve(work, "path", " "))
                .hasMessageStartingWith("field 'path' is required");
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
