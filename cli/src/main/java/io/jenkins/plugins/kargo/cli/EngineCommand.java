package io.jenkins.plugins.kargo.cli;

import io.jenkins.plugins.kargo.application.Kargo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command over the engine: takes the global options, opens the application layer for the state directory, runs,
 * flushes its output and closes it, whatever happens.
 */
abstract class EngineCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Kargo kargo = Engines.open(global, err())) {
            return run(kargo, out);
        } finally {
            out.flush();
            err().flush();
        }
    }

    /** @return the exit code */
    abstract int run(Kargo kargo, PrintWriter out) throws Exception;

    /** The project the command means: {@code --project}, else the only one in the state. */
    String project(Kargo kargo) {
        return kargo.views().project(global.project);
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
