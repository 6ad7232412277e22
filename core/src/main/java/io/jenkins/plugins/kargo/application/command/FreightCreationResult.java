package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.application.view.FreightRef;

/**
 * Freight made by {@code create freight}.
 *
 * @param created false when the same versions had made this Freight before
 */
public record FreightCreationResult(FreightRef freight, boolean created) {
}
