package io.jenkins.plugins.kargo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command over one project takes, as Kargo's do; placed after the subcommand, kubectl style. */
final class GlobalOptions {

    @Mixin
    StateOption state;

    @Option(names = "--project", paramLabel = "NAME",
            description = "The project (Kargo's namespace). Optional when the state holds one project.")
    String project;

    Path stateDirectory() {
        return state.directory();
    }
}
