package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.verification.VerificationRun;

/**
 * {@code reject}: the "no" to a stage's verification that waits for a person; the verification fails. Only the
 * stage's approvers may say it, as for {@link Approve}.
 */
final class Reject {

    private final KargoEngine engine;
    private final Views views;

    Reject(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    VerificationTicket run(String project, String stage, FreightSelector freight, String actor) throws ConfigException {
        Approve.requireApprover(views, project, stage, actor, "reject");
        return ticket(views, project, engine.reject(project, Promote.ref(views, project, stage, freight), stage, actor));
    }

    static VerificationTicket ticket(Views views, String project, VerificationRun run) {
        return new VerificationTicket(project, run.name(), run.stage(),
                run.freight().values().stream().map(f -> views.ref(project, f)).toList());
    }
}
