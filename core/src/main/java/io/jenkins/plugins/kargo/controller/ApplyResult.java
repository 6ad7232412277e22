package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigProblem;
import java.util.List;

/** The projects an {@code apply} stored and the warnings their configuration gave (deprecated fields, ...). */
public record ApplyResult(List<AppliedProject> projects, List<ConfigProblem> warnings) {

    public ApplyResult {
        projects = List.copyOf(projects);
        warnings = List.copyOf(warnings);
    }
}
