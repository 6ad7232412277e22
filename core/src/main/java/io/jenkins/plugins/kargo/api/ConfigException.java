package io.jenkins.plugins.kargo.api;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used: every error found is listed (not only the first), each with its fix. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** All problems found: the errors, and any warnings seen on the way. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    private static String describe(List<ConfigProblem> problems) {
        List<ConfigProblem> errors = problems.stream().filter(ConfigProblem::isError).toList();
        return errors.size() + (errors.size() == 1 ? " configuration error" : " configuration errors") + ":\n"
                + errors.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
