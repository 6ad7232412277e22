package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.application.view.FreightRef;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.controller.WarehouseRefresh;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code refresh warehouse}: discovers now and makes Freight of the newest artifacts, unless the warehouse holds its
 * Freight for a person to make ({@code freightCreationPolicy: Manual}) or its criteria refuse it.
 */
final class RefreshWarehouse {

    private final KargoEngine engine;
    RefreshWarehouse(KargoEngine engine) {
        this.engine = engine;
    }

    List<WarehouseRefreshResult> run(String project, Optional<String> warehouse) throws ConfigException {
        List<String> names = warehouse.isPresent() ? List.of(warehouse.get())
                : engine.configuration(project).warehouses(project).stream().map(Warehouse::name).toList();
        List<WarehouseRefreshResult> results = new ArrayList<>();
        for (String name : names) {
            WarehouseRefresh refresh = engine.refreshWarehouse(project, name);
            results.add(new WarehouseRefreshResult(name, refresh.freight().map(c -> new FreightRef(c.freight().name(),
                    c.freight().alias())), refresh.freight().map(c -> c.created()).orElse(false), refresh.problems(),
                    refresh.held()));
        }
        return results;
    }
}
