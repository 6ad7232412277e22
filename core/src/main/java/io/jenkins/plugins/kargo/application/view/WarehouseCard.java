package io.jenkins.plugins.kargo.application.view;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A warehouse and its last discovery.
 *
 * @param ready   True when the last discovery succeeded, False when it failed, Unknown before the first
 * @param message the first line of the last discovery's failure; empty when it succeeded
 */
public record WarehouseCard(String project, String name, String ready, Optional<FreightRef> lastFreight,
                            Optional<Instant> lastDiscoveredAt, Duration interval, int subscriptions, String message) {
}
