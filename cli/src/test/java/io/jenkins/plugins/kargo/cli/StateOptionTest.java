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
}
