package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.promotion.Promotion;

/** {@code promote}: queues a promotion of the selected Freight into the stage, if it is available there. */
final class Promote {

    private final KargoEngine engine;
    private final Views views;

    Promote(KargoEngine engine, Views views) {
        this.engine = engine;
        this.views = views;
    }

    PromotionTicket run(String project, String stage, FreightSelector freight, String actor) throws ConfigException {
        return ticket(views, project, engine.promote(project, stage, ref(views, project, stage, freight), actor));
    }

    /**
     * The Freight as the engine takes it: what the user wrote when it is a name or an alias (so refusals repeat the
     * user's words), else the name of the newest one available.
     */
    static String ref(Views views, String project, String stage, FreightSelector freight) throws ConfigException {
        return freight instanceof FreightSelector.NameOrAlias named ? named.value()
                : views.freight(project, stage, freight).name();
    }

    static PromotionTicket ticket(Views views, String project, Promotion promotion) {
        return new PromotionTicket(project, promotion.name(), promotion.stage(), views.ref(project, promotion.freight()));
    }
}
