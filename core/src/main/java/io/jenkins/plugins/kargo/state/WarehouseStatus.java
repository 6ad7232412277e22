package io.jenkins.plugins.kargo.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is known about a Warehouse between discoveries.
 *
 * @param lastDiscoveredAt when discovery last ran, null before the first
 * @param lastError        the failures of the last discovery, one line per subscription; empty when it succeeded
 * @param lastFreight      the name of the Freight the last successful discovery produced; empty before any
 * @param newestVersions   per subscription, the newest version ever seen, so that discovery never goes back to an
 *                         older one (the engine decides what "newer" means for each subscription)
 */
public record WarehouseStatus(String warehouse, Instant lastDiscoveredAt, String lastError, String lastFreight,
                              List<SubscriptionVersion> newestVersions) {

    public WarehouseStatus {
        lastError = lastError == null ? "" : lastError;
        lastFreight = lastFreight == null ? "" : lastFreight;
        newestVersions = List.copyOf(newestVersions);
    }

    /** The status of a Warehouse never discovered. */
    public static WarehouseStatus initial(String warehouse) {
        return new WarehouseStatus(warehouse, null, "", "", List.of());
    }

    public Optional<String> newestVersion(SubscriptionRef subscription) {
        return newestVersions.stream().filter(v -> v.subscription().equals(subscription))
                .map(SubscriptionVersion::version).findFirst();
    }

    public WarehouseStatus withNewestVersion(SubscriptionRef subscription, String version) {
        List<SubscriptionVersion> versions = new ArrayList<>(newestVersions);
        versions.removeIf(v -> v.subscription().equals(subscription));
        versions.add(new SubscriptionVersion(subscription, version));
        return new WarehouseStatus(warehouse, lastDiscoveredAt, lastError, lastFreight, versions);
    }

    public WarehouseStatus withLastFreight(String freightName) {
        return new WarehouseStatus(warehouse, lastDiscoveredAt, lastError, freightName, newestVersions);
    }
}
