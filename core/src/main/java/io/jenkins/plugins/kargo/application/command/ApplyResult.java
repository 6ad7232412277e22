package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigProblem;
import java.util.List;

/** What {@code apply} stored, project by project, and the warnings the configuration gave (deprecated fields, ...). */
public record ApplyResult(List<AppliedProject> projects, List<ConfigProblem> warnings) {

    public ApplyResult {
        projects = List.copyOf(projects);
        warnings = List.copyOf(warnings);
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
