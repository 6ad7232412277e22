package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;

/**
 * {@code approve}: the sign-off a stage's verification of the Freight waits for, or else Kargo's manual approval (the
 * Freight becomes available to the stage whatever its upstream verification).
 */
final class Approve {

    private final KargoEngine engine;
    private final Views views;

    Approve(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    ApprovalResult run(String project, String stage, FreightSelector freight, String actor) throws ConfigException {
        return switch (engine.approve(project, Promote.ref(views, project, stage, freight), stage, actor)) {
            case SIGNED_OFF -> ApprovalResult.SIGNED_OFF;
            case APPROVED -> ApprovalResult.APPROVED;
            case ALREADY_APPROVED -> ApprovalResult.ALREADY_APPROVED;
        };
    }
}
