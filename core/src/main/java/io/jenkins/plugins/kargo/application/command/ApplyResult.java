package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.WarningKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code apply} stored, project by project, and the warnings the configuration gave (deprecated fields, ...). */
public record ApplyResult(List<AppliedProject> projects, List<ConfigProblem> warnings) {

    public ApplyResult {
        projects = List.copyOf(projects);
        warnings = List.copyOf(warnings);
    }

    /** The warnings grouped by kind, each group in the order its first warning was read. */
    public List<WarningGroup> warningGroups() {
        Map<WarningKind, List<ConfigProblem>> byKind = warnings.stream()
                .collect(Collectors.groupingBy(ConfigProblem::kind, LinkedHashMap::new, Collectors.toList()));
        return byKind.entrySet().stream().map(e -> new WarningGroup(e.getKey(), e.getValue())).toList();
    }

    /**
     * {@code applied with 22 warnings (12 deprecated fields, 8 non-Kargo forms, 2 conditions to check)}, or empty
     * when there was none.
     */
    public String summary() {
        if (warnings.isEmpty()) {
            return "";
        }
        Map<WarningKind.Category, Long> counts = warnings.stream().collect(Collectors.groupingBy(
                w -> w.kind().category(), () -> new EnumMap<>(WarningKind.Category.class),
                Collectors.counting()));
        return "applied with " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s") + " ("
                + counts.entrySet().stream().map(e -> e.getKey().count(e.getValue()))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** A project as stored: its resources in the order they were read. */
    public record AppliedProject(String name, List<Resource> resources) {
        public AppliedProject {
            resources = List.copyOf(resources);
        }
    }

    /** A resource by Kargo's kind ({@code Warehouse}, {@code Stage}, ...) and name. */
    public record Resource(String kind, String name) {
    }
}
