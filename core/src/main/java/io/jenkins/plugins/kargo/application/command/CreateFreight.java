package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.FreightRef;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.state.FreightCreation;
import java.util.Map;

/**
 * {@code create freight}: Freight of chosen versions among those the warehouse's last discovery found (Kargo's
 * "assemble Freight", a Manual warehouse's only way to get Freight).
 */
final class CreateFreight {

    private final KargoEngine engine;

    CreateFreight(KargoEngine engine) {
        this.engine = engine;
    }

    FreightCreationResult run(String project, String warehouse, Map<String, String> chosen, String actor)
            throws ConfigException {
        FreightCreation creation;
        try {
            creation = engine.createFreight(project, warehouse, chosen, actor);
        } catch (IllegalArgumentException e) {
            throw new CommandRefusedException(e.getMessage(), e);
        }
        return new FreightCreationResult(new FreightRef(creation.freight().name(), creation.freight().alias()),
                creation.created());
    }
}
