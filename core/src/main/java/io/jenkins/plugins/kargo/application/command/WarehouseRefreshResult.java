package io.jenkins.plugins.kargo.application.command;

import io.jenkins.plugins.kargo.application.view.FreightRef;
import java.util.List;
import java.util.Optional;

/**
 * One discovery of a warehouse.
 *
 * @param freight  the Freight made of the newest artifacts (new, or already known); empty when none was made
 * @param created  whether that Freight is new
 * @param problems why no Freight was made, one line per subscription that failed, found nothing or went back
 * @param held     why no Freight was made although discovery succeeded (the warehouse's
 *                 {@code freightCreationPolicy} is Manual, or its {@code freightCreationCriteria} do not hold);
 *                 empty otherwise
 */
public record WarehouseRefreshResult(String warehouse, Optional<FreightRef> freight, boolean created,
                                     List<String> problems, String held) {

    public WarehouseRefreshResult {
        problems = List.copyOf(problems);
        held = held == null ? "" : held;
    }

    public boolean succeeded() {
        return problems.isEmpty();
    }
}
