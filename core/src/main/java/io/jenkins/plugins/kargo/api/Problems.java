package io.jenkins.plugins.kargo.api;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one load, so that all of them are reported together rather than one per attempt. */
final class Problems {

    private final List<ConfigProblem> all = new ArrayList<>();

    void error(SourceLocation location, String message, String fix) {
        all.add(ConfigProblem.error(location, message, fix));
    }

    void warning(WarningKind kind, SourceLocation location, String message, String fix) {
        all.add(ConfigProblem.warning(kind, location, message, fix));
    }

    boolean hasErrors() {
        return all.stream().anyMatch(ConfigProblem::isError);
    }

    List<ConfigProblem> all() {
        return List.copyOf(all);
    }

    List<ConfigProblem> warnings() {
        return all.stream().filter(p -> !p.isError()).toList();
    }
}
