package io.jenkins.plugins.kargo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes, as Kargo's do; placed after the subcommand, kubectl style. */
final class GlobalOptions {

    @Option(names = "--project", paramLabel = "NAME",
            description = "The project (Kargo's namespace). Optional when the state holds one project.")
    String project;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Where state is kept. Default: $KARGO_HOME, else ~/.kargo.")
    Path state;

    Path stateDirectory() {
        if (state != null) {
            return state;
        }
        String home = System.getenv("KARGO_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".kargo");
    }
}
