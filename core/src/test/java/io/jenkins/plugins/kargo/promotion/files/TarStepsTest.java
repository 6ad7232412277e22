package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.files.StepFixture.config;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.context;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.read;
import static io.jenkins.plugins.kargo.promotion.files.StepFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tar and untar against GNU tar: archives the steps write are read by tar, and archives tar writes are extracted. */
class TarStepsTest {

    @TempDir
    Path work;

    private StepResult tar(String config) {
        return new TarStep().run(context(work), config(config));
    }

    private StepResult untar(String config) {
        return new UntarStep().run(context(work), config(config));
    }

    private String gnuTar(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add("tar");
        builder.command().addAll(List.of(args));
        Process process = builder.directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void tarArchivesADirectoryThatGnuTarReadsBack() throws Exception {
        write(work.resolve("chart/Chart.yaml"), "name: web\n");
        write(work.resolve("chart/templates/deploy.yaml"), "kind: Deployment\n");
        write(work.resolve("chart/notes.md"), "notes\n");
        write(work.resolve("chart/.git/HEAD"), "ref\n");
        Files.createSymbolicLink(work.resolve("chart/current.yaml"), Path.of("Chart.yaml"));

        StepResult result = tar("{inPath: chart, outPath: out/chart.tgz, gzip: true, ignore: '*.md'}");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(gnuTar("-tzf", "out/chart.tgz").lines().sorted())
                .containsExactly("Chart.yaml", "current.yaml", "templates/", "templates/deploy.yaml");
        assertThat(gnuTar("-tzvf", "out/chart.tgz")).contains("current.yaml -> Chart.yaml");
        Files.createDirectories(work.resolve("check"));
        gnuTar("-xzf", "out/chart.tgz", "-C", "check");
        assertThat(read(work.resolve("check/templates/deploy.yaml"))).isEqualTo("kind: Deployment\n");
        assertThat(result.output()).isEmpty();
    }

    @Test
    void untarExtractsGnuTarsArchiveStrippingAndIgnoring() throws Exception {
        write(work.resolve("src/pkg/bin/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(work.resolve("src/pkg/bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        write(work.resolve("src/pkg/values.yaml"), "a: 1\n");
        write(work.resolve("src/pkg/docs/README.md"), "x\n");
        gnuTar("-czf", "pkg.tgz", "-C", "src", "pkg");
        write(work.resolve("out/values.yaml"), "old\n");
        write(work.resolve("out/kept.yaml"), "kept\n");

        StepResult result = untar("{inPath: pkg.tgz, outPath: out, stripComponents: 1, ignore: docs/}");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(read(work.resolve("out/values.yaml"))).isEqualTo("a: 1\n");
        assertThat(read(work.resolve("out/kept.yaml"))).isEqualTo("kept\n");
        assertThat(work.resolve("out/docs")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("out/bin/run.sh"))))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void untarSkipsEntriesThatLeaveTheDirectoryAndReadsAPlainTar() throws Exception {
        try (OutputStream file = Files.newOutputStream(work.resolve("evil.tar"));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            entry(tar, "../escaped.txt", "x");
            entry(tar, "/etc/absolute.txt", "x");
            TarArchiveEntry link = new TarArchiveEntry("up", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../..");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            entry(tar, "fine.txt", "fine");
        }

        StepResult result = untar("{inPath: evil.tar, outPath: out}");

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        try (var files = Files.walk(work.resolve("out"))) {
            assertThat(files.map(p -> work.resolve("out").relativize(p).toString())).containsExactlyInAnyOrder("",
                    "fine.txt");
        }
        assertThat(work.resolve("escaped.txt")).doesNotExist();
        assertThat(untar("{inPath: missing.tar, outPath: out}").message())
                .contains("config.inPath is 'missing.tar', which is not a file");
    }

    private static void entry(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
