package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.KargoResource;
import java.util.List;

/** What {@code apply} stored for one project: its resources, in the order they were read. */
public record AppliedProject(String name, List<KargoResource> resources) {

    public AppliedProject {
        resources = List.copyOf(resources);
    }
}
