package io.jenkins.plugins.kargo.plugin.steps;

import io.jenkins.plugins.kargo.plugin.engine.FreightChoice;

import java.io.Serializable;

/**
 * A promotion as a step or build step asks for it, its arguments checked.
 *
 * @param submitter who may approve its gates instead of the configuration's approvers (comma-separated); null: those
 */
public record PromoteRequest(String project, String stage, FreightChoice freight, String submitter)
        implements Serializable {
}
