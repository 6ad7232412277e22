package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;

/** {@code verify stage}: queues a new verification of the stage's current Freight. */
final class Verify {

    private final KargoEngine engine;
    private final Views views;

    Verify(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    VerificationTicket run(String project, String stage, String actor) throws ConfigException {
        return Reject.ticket(views, project, engine.verifyStage(project, stage, actor));
    }
}
