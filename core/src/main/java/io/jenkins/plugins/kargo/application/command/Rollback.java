package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import java.util.Optional;

/**
 * {@code rollback}: promotes the stage's previous Freight (or the one selected, from its history) through the normal
 * path, and holds auto-promotion until someone releases it.
 */
final class Rollback {

    private final KargoEngine engine;
    private final Views views;

    Rollback(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    PromotionTicket run(String project, String stage, Optional<FreightSelector> to, String actor) throws ConfigException {
        String target = to.isPresent() ? Promote.ref(views, project, stage, to.get()) : null;
        return Promote.ticket(views, project, engine.rollback(project, stage, target, actor));
    }
}
