package io.jenkins.plugins.kargo.plugin.steps;

import java.io.Serializable;

/** A discovery as a step or build step asks for it: a project and one warehouse (null: all of them). */
public record DiscoverRequest(String project, String warehouse) implements Serializable {
}
