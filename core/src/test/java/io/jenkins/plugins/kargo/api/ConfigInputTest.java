package io.jenkins.plugins.kargo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the loader makes of input that is not a Kargo configuration: each is refused with the file and the fix. */
class ConfigInputTest {

    @TempDir
    Path dir;

    private static ConfigProblem refusal(ThrowingLoad load) {
        ConfigException e = catchThrowableOfType(ConfigException.class, load::load);
        assertThat(e).as("refused").isNotNull();
        return e.errors().get(0);
    }

    @FunctionalInterface
    private interface ThrowingLoad {
        void load() throws Exception;
    }

    @Test
    void aDeviceThatNeverEndsIsReadOnlyUpToTheLimit() {
        ConfigProblem problem = refusal(() -> new ConfigLoader().load(Path.of("/dev/zero")));

        assertThat(problem.location().file()).isEqualTo("/dev/zero");
        assertThat(problem.message()).isEqualTo("file is larger than 2097152 bytes"); // 2 MiB, docs/configuration.md
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirOffset() throws Exception {
        Path file = Files.write(dir.resolve("binary.yaml"), new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xff, 0x00});

        ConfigProblem problem = refusal(() -> new ConfigLoader().load(file));

        assertThat(problem.location().file()).isEqualTo(file.toString());
        assertThat(problem.message()).isEqualTo("file is not UTF-8 text: byte offset 6 (0xff) is not valid UTF-8");
        assertThat(problem.fix()).contains("UTF-8");
        ConfigProblem stdin = refusal(() -> new ConfigLoader().load(new ByteArrayInputStream(new byte[] {(byte) 0xc3}),
                ConfigLoader.STDIN));
        assertThat(stdin.message()).isEqualTo("input is not UTF-8 text: byte offset 0 (0xc3) is not valid UTF-8");
    }

    @Test
    void anEmptyFileOrInputSaysNoResourcesWereFound() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n---\n");

        assertThat(refusal(() -> new ConfigLoader().load(empty)).message())
                .isEqualTo("no resources found in " + empty + " (only empty YAML documents or comments)");
        assertThat(refusal(() -> new ConfigLoader().load(new ByteArrayInputStream(new byte[0]), ConfigLoader.STDIN))
                .message()).isEqualTo("no resources found in <stdin> (only empty YAML documents or comments)");
    }

    @Test
    void aTrailingDocumentSeparatorIsAnEmptyDocumentAndIgnored() throws Exception {
        String project = ConfigFixture.PROJECT + "---\n";
        KargoConfig config = new ConfigLoader().load(new ByteArrayInputStream(project.getBytes(StandardCharsets.UTF_8)),
                ConfigLoader.STDIN);

        assertThat(config.resources()).hasSize(1);
    }
}
