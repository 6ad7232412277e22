package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.application.view.FreightRef;

/** A queued promotion: wait for it with {@code Outcomes.promotion(project, name)}. */
public record PromotionTicket(String project, String name, String stage, FreightRef freight) {
}
