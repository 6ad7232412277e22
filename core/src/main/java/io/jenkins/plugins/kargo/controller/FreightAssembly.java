package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.api.Subscription;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.discovery.DiscoveredArtifact;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightFactory;
import io.jenkins.plugins.kargo.freight.SelectedArtifact;
import io.jenkins.plugins.kargo.state.DiscoveryResult;
import io.jenkins.plugins.kargo.state.SubscriptionDiscovery;
import io.jenkins.plugins.kargo.state.SubscriptionRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Freight made of versions people chose (Kargo's "assemble Freight" from a Warehouse's discovered artifacts), for
 * warehouses whose {@code freightCreationPolicy} is Manual or whenever the newest is not what is wanted. Every
 * version must be one the warehouse's last discovery found, as Kargo checks a created Freight's artifacts against its
 * warehouse; a subscription no choice names takes its newest, as Kargo's UI offers it.
 */
final class FreightAssembly {

    private FreightAssembly() {
    }

    /**
     * @param chosen subscription (its {@code name}, repository URL, or chart / package name) to the version wanted
     * @throws IllegalArgumentException naming what is wrong and what may be chosen
     */
    static Freight assemble(Warehouse warehouse, Optional<DiscoveryResult> last, Map<String, String> chosen) {
        DiscoveryResult discovery = last.orElseThrow(() -> new IllegalArgumentException("warehouse "
                + warehouse.name() + " has not discovered anything yet; run kargo refresh warehouse "
                + warehouse.name() + " first"));
        Map<String, String> left = new LinkedHashMap<>(chosen);
        List<SelectedArtifact> selected = new ArrayList<>();
        for (Subscription subscription : warehouse.subscriptions()) {
            SubscriptionRef ref = SubscriptionRef.of(subscription);
            List<DiscoveredArtifact> found = discovery.subscriptions().stream().filter(s -> s.subscription().equals(ref))
                    .findFirst().map(SubscriptionDiscovery::artifacts).orElse(List.of());
            Optional<String> key = keys(subscription).stream().filter(left::containsKey).findFirst();
            String version = key.map(left::remove).orElse(null);
            if (found.isEmpty()) {
                throw new IllegalArgumentException(ref + ": the last discovery found no version; refresh the"
                        + " warehouse, and check the subscription");
            }
            DiscoveredArtifact artifact = version == null ? found.get(0) : found.stream()
                    .filter(a -> a.version().equals(version))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(ref + ": version " + version
                            + " is not among those discovered (" + found.stream().limit(10)
                            .map(DiscoveredArtifact::version).collect(Collectors.joining(", "))
                            + (found.size() > 10 ? ", ..." : "") + ")"));
            selected.add(new SelectedArtifact(subscription, artifact));
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("warehouse " + warehouse.name() + " has no subscription "
                    + String.join(", ", left.keySet()) + "; its subscriptions: " + warehouse.subscriptions().stream()
                    .map(s -> keys(s).get(0)).collect(Collectors.joining(", ")));
        }
        return FreightFactory.create(warehouse.name(), selected);
    }

    /** How a choice may name a subscription: its name, its artifact (chart, package), its repository. */
    private static List<String> keys(Subscription subscription) {
        List<String> keys = new ArrayList<>();
        if (!subscription.name().isEmpty()) {
            keys.add(subscription.name());
        }
        if (subscription instanceof ChartSubscription chart && !chart.chartName().isEmpty()) {
            keys.add(chart.chartName());
        }
        if (subscription instanceof NpmSubscription npm) {
            keys.add(npm.packageName());
        }
        keys.add(subscription.repoURL());
        return keys;
    }
}
