package io.jenkins.plugins.kargo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;

/** One run of the {@code kargo} command in this JVM against a state directory: its exit code and what it printed. */
record KargoRun(int exitCode, String out, String err) {

    static KargoRun of(Path state, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--state=" + state)).toArray(String[]::new);
        int code = KargoCommand.run(new PrintWriter(out), new PrintWriter(err), all);
        return new KargoRun(code, out.toString(), err.toString());
    }
}
