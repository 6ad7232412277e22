package io.jenkins.plugins.kargo.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --state DIR}: where the engine keeps its state; every command takes it. */
final class StateOption {

    @Option(names = "--state", paramLabel = "DIR", converter = NonEmptyPath.class,
            description = "The state directory (default ~/.kargo, or $KARGO_HOME when set).")
    Path state;

    /** {@code --state ""} would be the current directory, which is never what was meant: refused as bad usage. */
    static final class NonEmptyPath implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("an empty path names no state directory; give one, "
                        + "e.g. --state ~/.kargo, or leave --state out for $KARGO_HOME or ~/.kargo");
            }
            return Path.of(value);
        }
    }

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
