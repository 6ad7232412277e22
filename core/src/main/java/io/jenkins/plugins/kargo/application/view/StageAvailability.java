package io.jenkins.plugins.kargo.application.view;

/** Whether a Freight may be promoted into a stage now, and why not. */
public record StageAvailability(String stage, boolean available, String reason) {
}
