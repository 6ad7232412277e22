package io.jenkins.plugins.kargo.application.command;

import java.io.InputStream;
import java.nio.file.Path;

/** Where {@code apply} reads Kargo YAML from: a directory (recursively) or a file, or a stream such as stdin. */
public sealed interface ConfigInput {

    static ConfigInput path(Path path) {
        return new FromPath(path);
    }

    static ConfigInput stream(InputStream in) {
        return new FromStream(in);
    }

    record FromPath(Path path) implements ConfigInput {
    }

    record FromStream(InputStream in) implements ConfigInput {
    }
}
