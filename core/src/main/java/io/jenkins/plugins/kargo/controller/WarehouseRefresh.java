package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.state.FreightCreation;
import io.jenkins.plugins.kargo.state.SubscriptionDiscovery;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one discovery pass of a Warehouse.
 *
 * @param freight  the Freight made of the newest artifacts (new, or already known), empty when none was made
 * @param problems why no Freight was made, one line per subscription that failed, found nothing or went back
 * @param held     why no Freight was made although discovery succeeded (the warehouse's
 *                 {@code freightCreationPolicy} is Manual, or its {@code freightCreationCriteria} do not hold);
 *                 empty otherwise
 */
public record WarehouseRefresh(String warehouse, List<SubscriptionDiscovery> subscriptions,
                               Optional<FreightCreation> freight, List<String> problems, String held) {

    public WarehouseRefresh {
        subscriptions = List.copyOf(subscriptions);
        problems = List.copyOf(problems);
        held = held == null ? "" : held;
    }

    public WarehouseRefresh(String warehouse, List<SubscriptionDiscovery> subscriptions,
                            Optional<FreightCreation> freight, List<String> problems) {
        this(warehouse, subscriptions, freight, problems, "");
    }

    public boolean succeeded() {
        return problems.isEmpty();
    }
}
