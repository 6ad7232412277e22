package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.files.StepFixture.config;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.context;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.read;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.flow.FailStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copy, delete, file-write and fail on a real working directory. */
class FileStepsTest {

    @TempDir
    Path work;

    private StepResult copy(String config) {
        return new CopyStep().run(context(work), config(config));
    }

    private StepResult delete(String config) {
        return new DeleteStep().run(context(work), config(config));
    }

    private StepResult fileWrite(String config) {
        return new FileWriteStep().run(context(work), config(config));
    }

    private Stream<String> files(String dir) throws Exception {
        Path root = work.resolve(dir);
        return Files.walk(root).filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted();
    }

    @Test
    void copyMergesADirectoryLeavingOutGitAndIgnoredFiles() throws Exception {
        write(work.resolve("src/base/deploy.yaml"), "kind: Deployment\n");
        write(work.resolve("src/base/notes.md"), "notes\n");
        write(work.resolve("src/tmp/scratch.yaml"), "x\n");
        write(work.resolve("src/keep.md"), "keep\n");
        write(work.resolve("src/.git/HEAD"), "ref: refs/heads/main\n");
        write(work.resolve("out/existing.yaml"), "stays\n");
        write(work.resolve("out/base/deploy.yaml"), "old\n");
        Files.createSymbolicLink(work.resolve("src/link.yaml"), work.resolve("src/keep.md"));

        StepResult result = copy("""
                inPath: src
                outPath: out
                ignore: |
                  # scratch files
                  tmp/
                  *.md
                  !keep.md
                """);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(files("out")).containsExactly("base/deploy.yaml", "existing.yaml", "keep.md");
        assertThat(read(work.resolve("out/base/deploy.yaml"))).isEqualTo("kind: Deployment\n");
        assertThat(result.output()).isEmpty();
    }

    @Test
    void copyOfAFileMakesTheFileAndItsDirectories() {
        write(work.resolve("charts/values.yaml"), "replicas: 2\n");

        StepResult result = copy("{inPath: charts/values.yaml, outPath: env/prod/values.yaml}");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(work.resolve("env/prod/values.yaml"))).isEqualTo("replicas: 2\n");
    }

    @Test
    void copyRefusesAMissingSourceAndAPathOutside() {
        assertThat(copy("{inPath: nothing, outPath: out}").message())
                .isEqualTo("copy: config.inPath is 'nothing', which does not exist");
        assertThat(copy("{inPath: ../etc, outPath: out}").message()).contains("leaves the promotion's working directory");
        write(work.resolve("src/a.yaml"), "a\n");
        assertThat(copy("{inPath: src, outPath: src/copy}").message())
                .isEqualTo("copy: config.outPath is 'src/copy', inside the directory it copies; copy it elsewhere");
    }

    @Test
    void deleteRemovesLiteralPathsAndSkipsMissingOnesUnlessStrict() {
        write(work.resolve("a/one.yaml"), "1\n");
        write(work.resolve("b/two.yaml"), "2\n");
        write(work.resolve("c.yaml"), "3\n");

        StepResult result = delete("{paths: [a, c.yaml, missing.yaml]}");
        StepResult strict = delete("{path: missing.yaml, strict: true}");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(work.resolve("a")).doesNotExist();
        assertThat(work.resolve("c.yaml")).doesNotExist();
        assertThat(work.resolve("b/two.yaml")).exists();
        assertThat(strict.status()).isEqualTo(StepStatus.Errored);
        assertThat(strict.message()).contains("config.path is 'missing.yaml', which does not exist");
    }

    @Test
    void deleteWithGlobsMatchesAcrossDirectoriesAsDoublestarDoes() {
        write(work.resolve("out/app.yaml"), "x\n");
        write(work.resolve("out/dev/app.yaml"), "x\n");
        write(work.resolve("out/dev/deep/app.yaml"), "x\n");
        write(work.resolve("out/dev/README.md"), "x\n");
        write(work.resolve("other/app.yaml"), "x\n");

        StepResult result = delete("{path: ./out/**/*.yaml, pathsAreGlobs: true}");
        StepResult none = delete("{paths: ['out/*.json'], pathsAreGlobs: true, strict: true}");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(work.resolve("out/app.yaml")).as("** matches no directory too").doesNotExist();
        assertThat(work.resolve("out/dev/app.yaml")).doesNotExist();
        assertThat(work.resolve("out/dev/deep/app.yaml")).doesNotExist();
        assertThat(work.resolve("out/dev/README.md")).exists();
        assertThat(work.resolve("other/app.yaml")).exists();
        assertThat(none.status()).isEqualTo(StepStatus.Errored);
        assertThat(none.message()).contains("config.paths[0] is 'out/*.json', which matches nothing");
    }

    @Test
    void deleteNeedsExactlyOneOfPathAndPaths() {
        assertThat(delete("{}").message()).contains("sets neither path nor paths");
        assertThat(delete("{path: a, paths: [b]}").message()).contains("sets both path and paths");
    }

    @Test
    void deleteRemovesALinkNotWhatItPointsTo() throws Exception {
        write(work.resolve("target/keep.yaml"), "x\n");
        Files.createSymbolicLink(work.resolve("link"), work.resolve("target"));

        StepResult result = delete("{path: link}");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(work.resolve("link")).doesNotExist();
        assertThat(work.resolve("target/keep.yaml")).exists();
    }

    @Test
    void fileWriteWritesWithItsModeAndReplacesOnlyWhenAsked() throws Exception {
        StepResult written = fileWrite("{path: out/notes/release.txt, contents: \"v2\\n\"}");
        StepResult again = fileWrite("{path: out/notes/release.txt, contents: \"v3\\n\"}");
        StepResult replaced = fileWrite("{path: out/notes/release.txt, contents: \"v3\\n\", overwrite: true,"
                + " permissions: '0644'}");

        assertThat(written.status()).as(written.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(again.status()).isEqualTo(StepStatus.Failed);
        assertThat(again.message()).contains("already exists; set overwrite: true");
        assertThat(replaced.status()).as(replaced.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(work.resolve("out/notes/release.txt"))).isEqualTo("v3\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("out/notes/release.txt"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void fileWriteDefaultsToOwnerOnlyAndRefusesUnsafeModesAndGit() throws Exception {
        fileWrite("{path: secret.txt, contents: ''}");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("secret.txt"))))
                .isEqualTo("rw-------");
        assertThat(fileWrite("{path: run.sh, contents: x, permissions: '0755'}").message())
                .contains("config.permissions is 0755, which makes the file executable");
        assertThat(fileWrite("{path: w.txt, contents: x, permissions: '0666'}").message())
                .contains("world-writable");
        assertThat(fileWrite("{path: w.txt, contents: x, permissions: '644'}").message())
                .contains("config.permissions is '644'");
        assertThat(fileWrite("{path: repo/.git/config, contents: x}").message()).contains("inside a .git directory");
        assertThat(fileWrite("{path: x.txt}").message()).contains("config.contents is required");
    }

    @Test
    void failFailsWithItsMessage() {
        assertThat(new FailStep().run(context(work), config("{message: freeze in effect}")))
                .extracting(StepResult::status, StepResult::message)
                .containsExactly(StepStatus.Failed, "failed: freeze in effect");
        assertThat(new FailStep().run(context(work), config("{}")).message()).isEqualTo("failed");
    }
}
