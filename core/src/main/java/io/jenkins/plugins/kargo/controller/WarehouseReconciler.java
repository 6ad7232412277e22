package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.Subscription;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredArtifact;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.DowngradeGuard;
import io.jenkins.plugins.kargo.discovery.NewestSeen;
import io.jenkins.plugins.kargo.discovery.Subscribers;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightFactory;
import io.jenkins.plugins.kargo.freight.SelectedArtifact;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.FreightFunctions;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionEngine;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionException;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionScope;
import io.jenkins.plugins.kargo.state.DiscoveryResult;
import io.jenkins.plugins.kargo.state.FreightCreation;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.SubscriptionDiscovery;
import io.jenkins.plugins.kargo.state.SubscriptionRef;
import io.jenkins.plugins.kargo.state.WarehouseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One discovery pass of a Warehouse, as Kargo's warehouse reconciler does it: every subscription (here at once), then
 * Freight from the newest artifact of each. Kargo's rules hold: when any subscription fails or finds nothing, no
 * Freight is made; a Freight that already exists is not an error. One rule is added: a best candidate older than
 * the newest version seen before is refused ({@link DowngradeGuard}), so a failed or partial listing never
 * downgrades what flows to the stages.
 */
public final class WarehouseReconciler {

    /** Subscriptions of one warehouse discovered at once. */
    private static final int MAX_CONCURRENT = 8;

    private final Subscribers subscribers;
    private final CredentialsProvider credentials;
    private final KargoStore store;
    private final EventSink events;
    private final ExpressionEngine expressions = new ExpressionEngine();

    /** @param credentials the engine's, whose {@code forProject} puts each warehouse's project's Secrets first */
    public WarehouseReconciler(Subscribers subscribers, CredentialsProvider credentials, KargoStore store,
                               EventSink events) {
        this.subscribers = subscribers;
        this.credentials = credentials;
        this.store = store;
        this.events = events;
    }

    /** What discovering one subscription gave: the artifacts found, or the failure's message. */
    private record Outcome(List<DiscoveredArtifact> found, String failure) {
    }

    /**
     * Discovers every subscription at once (Kargo's reconciler takes them in turn); results in the warehouse's order.
     * Requests still keep each registry's rate limit, which the subscribers share.
     */
    private List<Outcome> discoverAll(String project, Warehouse warehouse) {
        CredentialsProvider projectCredentials = credentials.forProject(project);
        List<Subscription> subscriptions = warehouse.subscriptions();
        int total = subscriptions.size();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_CONCURRENT, total)), r -> {
            Thread thread = new Thread(r, "kargo-discovery-" + warehouse.name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Subscription subscription : subscriptions) {
                futures.add(pool.submit(() -> {
                    events.progress("Warehouse " + warehouse.name() + ": discovering " + SubscriptionRef.of(subscription),
                            done.get(), total);
                    try {
                        return new Outcome(List.copyOf(subscribers.discover(subscription, projectCredentials)), null);
                    } catch (DiscoveryException e) {
                        return new Outcome(List.of(), e.getMessage());
                    } finally {
                        done.incrementAndGet();
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(outcomeOf(future));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome outcomeOf(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Outcome(List.of(), "discovery interrupted");
        } catch (ExecutionException e) {
            return new Outcome(List.of(), "discovery failed: " + e.getCause());
        }
    }

    public WarehouseRefresh reconcile(String project, Warehouse warehouse) {
        List<SubscriptionDiscovery> results = new ArrayList<>();
        List<SelectedArtifact> newest = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int total = warehouse.subscriptions().size();
        List<Outcome> outcomes = discoverAll(project, warehouse);
        for (int i = 0; i < total; i++) {
            Subscription subscription = warehouse.subscriptions().get(i);
            SubscriptionRef ref = SubscriptionRef.of(subscription);
            Outcome outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                results.add(new SubscriptionDiscovery(ref, List.of(), outcome.failure()));
                problems.add(outcome.failure());
                continue;
            }
            results.add(new SubscriptionDiscovery(ref, outcome.found(), null));
            if (outcome.found().isEmpty()) {
                problems.add(ref + " (" + subscription.location() + "): no version matched; check its constraint"
                        + " and tag patterns against what the repository holds");
            } else {
                newest.add(new SelectedArtifact(subscription, outcome.found().get(0)));
            }
        }
        events.progress("Warehouse " + warehouse.name() + ": discovered", total, total);
        Optional<DiscoveryResult> previous = store.warehouses().lastDiscovery(project, warehouse.name());
        store.warehouses().recordDiscovery(project, warehouse.name(), results);
        if (problems.isEmpty()) {
            // checked and recorded under the status row's lock, so two refreshes cannot both pass the check
            store.warehouses().updateStatus(project, warehouse.name(), s -> {
                WarehouseStatus next = s;
                for (SelectedArtifact selected : newest) {
                    SubscriptionRef ref = SubscriptionRef.of(selected.subscription());
                    NewestSeen seen = s.newestVersion(ref).map(v -> seen(ref, v, previous)).orElse(null);
                    DowngradeGuard.check(selected.subscription(), selected.artifact(), seen).ifPresent(problems::add);
                    next = next.withNewestVersion(ref, selected.artifact().version());
                }
                return problems.isEmpty() ? next : new WarehouseStatus(s.warehouse(), s.lastDiscoveredAt(),
                        String.join("\n", problems), s.lastFreight(), s.newestVersions());
            });
        } else {
            store.warehouses().updateStatus(project, warehouse.name(), s -> new WarehouseStatus(s.warehouse(),
                    s.lastDiscoveredAt(), String.join("\n", problems), s.lastFreight(), s.newestVersions()));
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> events.warn("Warehouse " + warehouse.name() + ": " + p));
            return new WarehouseRefresh(warehouse.name(), results, Optional.empty(), problems);
        }
        Freight freight = FreightFactory.create(warehouse.name(), newest);
        Optional<String> held = held(warehouse, freight);
        if (held.isPresent()) {
            events.info("Warehouse " + warehouse.name() + ": " + held.get());
            return new WarehouseRefresh(warehouse.name(), results, Optional.empty(), List.of(), held.get());
        }
        FreightCreation creation = store.freight().create(project, freight);
        events.info(creation.created()
                ? "Warehouse " + warehouse.name() + ": created Freight " + creation.freight().name() + " ("
                        + creation.freight().alias() + ")"
                : "Warehouse " + warehouse.name() + ": Freight composed of the newest artifacts already exists ("
                        + creation.freight().alias() + ")");
        store.warehouses().updateStatus(project, warehouse.name(), s -> s.withLastFreight(creation.freight().name()));
        return new WarehouseRefresh(warehouse.name(), results, Optional.of(creation), List.of());
    }

    /**
     * Why the Freight of the newest artifacts is not made (Kargo's {@code buildFreightFromLatestArtifacts} guard):
     * a Manual warehouse only records what it found; criteria must hold over that Freight.
     */
    private Optional<String> held(Warehouse warehouse, Freight newest) {
        if (warehouse.freightCreationPolicy() == Warehouse.FreightCreationPolicy.Manual) {
            return Optional.of("freightCreationPolicy is Manual: the versions found are recorded; make Freight of"
                    + " chosen ones with kargo create freight --warehouse " + warehouse.name());
        }
        if (warehouse.freightCreationCriteria().isEmpty()) {
            return Optional.empty();
        }
        FreightFunctions functions = new FreightFunctions(new FreightCollection(List.of(newest)),
                "the Freight of the newest artifacts");
        String criteria = warehouse.freightCreationCriteria();
        try {
            Object verdict = expressions.evaluate(criteria, new ExpressionScope(Map.of(), functions));
            if (verdict instanceof Boolean holds) {
                return holds ? Optional.empty() : Optional.of("freightCreationCriteria " + criteria
                        + " do not hold for the newest artifacts; no Freight made");
            }
            return Optional.of("freightCreationCriteria " + criteria + " gives " + verdict + ", not true or false;"
                    + " no Freight made");
        } catch (ExpressionException e) {
            return Optional.of("freightCreationCriteria (" + warehouse.location() + "): "
                    + FreightFunctions.explained(e, functions) + "; no Freight made");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while evaluating freightCreationCriteria; no Freight made");
        }
    }

    /**
     * The newest version seen, with its date when the previous discovery listed it (an image's build date for
     * NewestBuild, a tag's creation date for NewestTag).
     */
    private static NewestSeen seen(SubscriptionRef ref, String version, Optional<DiscoveryResult> previous) {
        return previous.stream().flatMap(r -> r.subscriptions().stream())
                .filter(s -> s.subscription().equals(ref)).flatMap(s -> s.artifacts().stream())
                .filter(a -> a.version().equals(version))
                .map(NewestSeen::of).findFirst().orElse(new NewestSeen(version, null));
    }
}
