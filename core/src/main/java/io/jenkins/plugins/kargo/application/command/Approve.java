package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import java.util.List;

/**
 * {@code approve}: the sign-off a stage's verification of the Freight waits for, or else Kargo's manual approval (the
 * Freight becomes available to the stage whatever its upstream verification). Only the stage's approvers (the
 * dashboard's {@code rbac.adminUsers}, when it names any) may decide.
 */
final class Approve {

    private final KargoEngine engine;
    private final Views views;

    Approve(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    ApprovalResult run(String project, String stage, FreightSelector freight, String actor) throws ConfigException {
        requireApprover(views, project, stage, actor, "approve");
        return switch (engine.approve(project, Promote.ref(views, project, stage, freight), stage, actor)) {
            case SIGNED_OFF -> ApprovalResult.SIGNED_OFF;
            case APPROVED -> ApprovalResult.APPROVED;
            case ALREADY_APPROVED -> ApprovalResult.ALREADY_APPROVED;
        };
    }

    /**
     * Refuses a decision about the stage's Freight by anyone but its approvers; anyone may decide when there are none.
     *
     * @param decision what the actor asked to do: {@code approve}, {@code reject}
     */
    static void requireApprover(Views views, String project, String stage, String actor, String decision)
            throws ConfigException {
        List<String> approvers = views.gate(project, stage).approvers();
        if (!approvers.isEmpty() && !approvers.contains(actor)) {
            throw new NotAnApproverException(actor, decision, stage, approvers);
        }
    }
}
