package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.api.Warehouse;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.state.WarehouseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The delivery loop, as Kargo's controllers run it, for every project in the store: each Warehouse is discovered on
 * its {@code interval}; Freight auto-promotion wants is queued; each stage with queued promotions or verifications
 * is run in its own thread (so a verification that waits days for a person stops that stage only). It looks again
 * every {@code tick}, and at once when a discovery succeeded or this process ran a stage.
 *
 * <p>Everything it decides is read from the store, so a restart loses nothing and does nothing twice: discovery
 * resumes from each Warehouse's last discovery, queued promotions and verifications are picked up, and a promotion or
 * verification a stopped process left Running is run again from its start ({@link PromotionWorker}). Several loops
 * (processes) over one store share the work: a stage is run by whoever holds its lease.
 */
public final class DeliveryLoop implements AutoCloseable {

    private final KargoEngine engine;
    private final EventSink events;
    private final Clock clock;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "kargo-loop"));
    private final ExecutorService work = Executors.newCachedThreadPool(r -> daemon(r, "kargo-work"));
    /** What runs now in this process: "project/warehouse/NAME" and "project/stage/NAME". */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> nextDiscovery = new ConcurrentHashMap<>();
    private final Set<String> brokenProjects = ConcurrentHashMap.newKeySet();

    private DeliveryLoop(KargoEngine engine, EventSink events, Clock clock) {
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    /** Starts the loop over the engine's store; it looks for work every {@code tick}. */
    public static DeliveryLoop start(KargoEngine engine, Duration tick, EventSink events, Clock clock) {
        DeliveryLoop loop = new DeliveryLoop(engine, events, clock);
        loop.ticks.scheduleWithFixedDelay(loop::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        return loop;
    }

    /** Looks for work now rather than at the next tick (after an apply, a promotion or an approval). */
    public void wake() {
        if (!ticks.isShutdown()) {
            ticks.execute(this::tick);
        }
    }

    private void tick() {
        for (String project : engine.store().configurations().projects()) {
            try {
                KargoConfig config = engine.configuration(project);
                brokenProjects.remove(project);
                tick(project, config);
            } catch (ConfigException e) {
                if (brokenProjects.add(project)) {
                    events.warn("project " + project + " is not run: its configuration no longer loads: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                events.warn("project " + project + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private void tick(String project, KargoConfig config) {
        Instant now = clock.instant();
        for (Warehouse warehouse : config.warehouses(project)) {
            String key = project + "/warehouse/" + warehouse.name();
            Instant due = nextDiscovery.computeIfAbsent(key, k -> engine.store().warehouses()
                    .status(project, warehouse.name()).map(WarehouseStatus::lastDiscoveredAt)
                    .map(last -> last.plus(warehouse.interval())).orElse(now));
            if (!now.isBefore(due)) {
                run(key, () -> {
                    nextDiscovery.put(key, clock.instant().plus(warehouse.interval()));
                    return engine.refreshWarehouse(project, warehouse.name()).succeeded();
                });
            }
        }
        engine.queueAutoPromotions(config, project);
        for (Stage stage : config.stages(project)) {
            if (engine.hasWork(project, stage.name())) {
                run(project + "/stage/" + stage.name(), () -> engine.runPromotions(project, stage.name()));
            }
        }
    }

    private interface Work {
        /** @return whether it did its work, so that there may be more to do at once */
        boolean run() throws Exception;
    }

    /**
     * Runs the work in its own thread unless it already runs in this process; when it did its work, looks for more.
     * A stage another process holds is left to it until the next tick (looking at once would spin).
     */
    private void run(String key, Work job) {
        if (!busy.add(key)) {
            return;
        }
        work.execute(() -> {
            boolean done = false;
            try {
                done = job.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // tried again at the next tick, not at once: a lasting failure must not spin
                events.warn(key + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                busy.remove(key);
            }
            if (done && !Thread.currentThread().isInterrupted()) {
                wake();
            }
        });
    }

    /** Stops looking for work and interrupts what runs: a running promotion or verification is resumed next time. */
    @Override
    public void close() {
        ticks.shutdownNow();
        work.shutdownNow();
        try {
            ticks.awaitTermination(30, TimeUnit.SECONDS);
            work.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
