package io.jenkins.plugins.kargo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.stream.Stream;

/** One run of the {@code kargo} command in this JVM against a state directory: its exit code and what it printed. */
record KargoRun(int exitCode, String out, String err) {

    static KargoRun of(Path state, String... args) {
        return of(state, new StringWriter(), args);
    }

    /** As {@link #of(Path, String...)}, standard error written to {@code err} as it comes (a {@link ConsoleWatch}). */
    static KargoRun of(Path state, Writer err, String... args) {
        return of(state, new StringWriter(), err, args);
    }

    /** As {@link #of(Path, Writer, String...)}, standard output also written to {@code out} as it comes. */
    static KargoRun of(Path state, Writer out, Writer err, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--state=" + state)).toArray(String[]::new);
        int code = KargoCommand.run(new PrintWriter(out), new PrintWriter(err), all);
        return new KargoRun(code, out.toString(), err.toString());
    }
}
