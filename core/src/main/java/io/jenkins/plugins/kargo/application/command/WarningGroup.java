package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.WarningKind;
import java.util.List;

/** The warnings of one kind that an {@code apply} gave, shown as one line unless each is asked for. */
public record WarningGroup(WarningKind kind, List<ConfigProblem> warnings) {

    public WarningGroup {
        warnings = List.copyOf(warnings);
    }

    /** The files the warnings are in, each once, in the order they were read. */
    public List<String> files() {
        return warnings.stream().map(w -> w.location().file()).distinct().toList();
    }

    /**
     * One line: {@code 5 × 'promotionMechanisms' is ... (in a.yaml, b.yaml)}, or a lone warning in full (file, line,
     * field and fix).
     */
    @Override
    public String toString() {
        return warnings.size() == 1 ? warnings.get(0).toString()
                : warnings.size() + " × " + kind.headline() + " (in " + String.join(", ", files()) + ")";
    }
}
