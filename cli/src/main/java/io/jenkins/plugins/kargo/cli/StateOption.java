package io.jenkins.plugins.kargo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state DIR}: where the engine keeps its state; every command takes it. */
final class StateOption {

    @Option(names = "--state", paramLabel = "DIR",
            description = "The state directory (default ~/.kargo, or $KARGO_HOME when set).")
    Path state;

    Path directory() {
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
