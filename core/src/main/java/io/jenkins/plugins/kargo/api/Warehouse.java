package io.jenkins.plugins.kargo.api;

import java.time.Duration;
import java.util.List;

/** A source of Freight: a set of subscriptions discovered together every {@code interval}. */
public record Warehouse(String project, String name, Duration interval, List<Subscription> subscriptions,
                        SourceLocation location) implements KargoResource {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    public Warehouse {
        subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.WAREHOUSE;
    }
}
