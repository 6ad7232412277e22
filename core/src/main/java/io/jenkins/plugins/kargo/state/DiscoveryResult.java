package io.jenkins.plugins.kargo.state;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The last discovery of a Warehouse: when it ran and what each subscription gave. */
public record DiscoveryResult(String warehouse, Instant discoveredAt, List<SubscriptionDiscovery> subscriptions) {

    public DiscoveryResult {
        subscriptions = List.copyOf(subscriptions);
    }

    /** True when any subscription failed: such a discovery creates no Freight. */
    public boolean failed() {
        return subscriptions.stream().anyMatch(SubscriptionDiscovery::failed);
    }

    /** The failures as one line per subscription ({@code image r.example.com/app: 401 Unauthorized}); empty if none. */
    public String errors() {
        return subscriptions.stream().filter(SubscriptionDiscovery::failed)
                .map(s -> s.subscription() + ": " + s.error())
                .collect(Collectors.joining("\n"));
    }
}
