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
        String name = freight instanceof FreightSelector.NameOrAlias named ? named.value()
                : views.freight(project, stage, freight).name();
        return ticket(views, project, engine.promote(project, stage, name, actor));
    }

    static PromotionTicket ticket(Views views, String project, Promotion promotion) {
        return new PromotionTicket(project, promotion.name(), promotion.stage(), views.ref(project, promotion.freight()));
    }
}
