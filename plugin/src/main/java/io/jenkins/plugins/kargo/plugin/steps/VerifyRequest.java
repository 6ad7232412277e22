package io.jenkins.plugins.kargo.plugin.steps;

import java.io.Serializable;

/** A re-verification as a step or build step asks for it, its arguments checked. */
public record VerifyRequest(String project, String stage, String submitter) implements Serializable {
}
