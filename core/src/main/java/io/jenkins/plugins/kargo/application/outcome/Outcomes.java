package io.jenkins.plugins.kargo.application.outcome;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.application.view.PromotionDetail;
import io.jenkins.plugins.kargo.application.view.StageCard;
import io.jenkins.plugins.kargo.application.view.VerificationDetail;
import io.jenkins.plugins.kargo.application.view.Views;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.DeliveryListener;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.StoreChanges;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How promotions and verifications settle, as futures a face waits on without a thread per wait and without reading
 * the store in a loop of its own: a Jenkins step that must not hold an executor and must survive a restart (it asks
 * again by name in {@code onResume}), a web page with live updates, the CLI's {@code --wait}.
 *
 * <p>Who completes them: the engine's own transitions, in the thread that records them (the worker's, the verifier's,
 * a command's); and, for transitions another process makes on the same state directory (a {@code kargo} command beside
 * {@code kargo serve}), one watcher per engine that reads SQLite's {@code PRAGMA data_version} every
 * {@value #WATCH_MILLIS} ms while someone waits and, when it changed, reads again only what is waited for. A future
 * is completed in the thread that noticed: hand slow work to an executor ({@code thenAcceptAsync}).
 */
public final class Outcomes implements AutoCloseable {

    /** How often the watcher looks at the store's data version while someone waits. */
    static final long WATCH_MILLIS = 200;

    private final KargoStore store;
    private final Views views;
    private final List<Wait> waits = new CopyOnWriteArrayList<>();
    private final List<DeliveryListener> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kargo-outcomes");
        thread.setDaemon(true);
        return thread;
    });
    private StoreChanges changes;
    private ScheduledFuture<?> watching;
    private long seen = -1;

    private Outcomes(KargoStore store, Views views) {
        this.store = store;
        this.views = views;
    }

    /** Outcomes of the engine's promotions and verifications; it hears the engine's delivery events. */
    public static Outcomes watching(KargoStore store, KargoEngine engine, Views views) {
        Outcomes outcomes = new Outcomes(store, views);
        engine.addListener(outcomes::heard);
        return outcomes;
    }

    /**
     * The promotion's outcome, completed at its first settled state: a final outcome, or a verification that waits for
     * a person. Completed at once when it has settled already (e.g. asked again after a restart).
     *
     * @throws java.util.NoSuchElementException when there is no such promotion
     */
    public CompletableFuture<DeliveryOutcome> promotion(String project, String promotion) {
        views.promotion(project, promotion);
        return await(new Wait(project, promotion, true, false, new CompletableFuture<>()));
    }

    /** As {@link #promotion}, for a verification (a re-verification has no promotion). */
    public CompletableFuture<DeliveryOutcome> verification(String project, String verification) {
        views.verification(project, verification);
        return await(new Wait(project, verification, false, false, new CompletableFuture<>()));
    }

    /**
     * As {@link #verification}, but completed only at a final outcome: past a person's decision, for a face that
     * waits through it (the CLI's {@code --wait}) rather than asking for the decision itself.
     */
    public CompletableFuture<DeliveryOutcome> verificationEnd(String project, String verification) {
        views.verification(project, verification);
        return await(new Wait(project, verification, false, true, new CompletableFuture<>()));
    }

    /**
     * Every delivery event this engine makes (promotion and verification ends, approvals needed, rollbacks), for live
     * pages. Close the returned handle to stop hearing them.
     */
    public Subscription subscribe(DeliveryListener listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    /** A subscription to delivery events; closing it stops them. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Looks again at what is waited for now: a command of this process changed something (an abort, a decision). */
    public void changed() {
        check();
    }

    private CompletableFuture<DeliveryOutcome> await(Wait wait) {
        waits.add(wait);
        startWatching();
        check();
        return wait.future;
    }

    private void heard(DeliveryEvent event) {
        for (DeliveryListener subscriber : subscribers) {
            subscriber.on(event);
        }
        check();
    }

    /** Completes every wait whose promotion or verification has settled. */
    private synchronized void check() {
        for (Wait wait : waits) {
            if (wait.future.isDone()) {
                waits.remove(wait);
                continue;
            }
            try {
                Optional<DeliveryOutcome> outcome = wait.promotion ? ofPromotion(wait.project, wait.name)
                        : ofVerification(wait.project, wait.name, Optional.empty());
                if (outcome.isPresent() && (outcome.get().isFinal() || !wait.finalOnly)) {
                    waits.remove(wait);
                    wait.future.complete(outcome.get());
                }
            } catch (RuntimeException | ConfigException e) {
                waits.remove(wait);
                wait.future.completeExceptionally(e);
            }
        }
        if (waits.isEmpty()) {
            stopWatching();
        }
    }

    private Optional<DeliveryOutcome> ofPromotion(String project, String name) throws ConfigException {
        PromotionDetail promotion = views.promotion(project, name);
        if (!promotion.ended()) {
            return Optional.empty();
        }
        Optional<PromotionDetail> p = Optional.of(promotion);
        return switch (promotion.phase()) {
            case "Aborted" -> Optional.of(new DeliveryOutcome.Aborted(p, Optional.empty(), promotion.message()));
            case "Succeeded" -> promotion.verification().isEmpty()
                    ? Optional.of(new DeliveryOutcome.Succeeded(p, Optional.empty()))
                    : ofVerification(project, promotion.verification().get(), p);
            default -> Optional.of(new DeliveryOutcome.Failed(p, Optional.empty(), promotion.failedStep(),
                    promotion.message()));
        };
    }

    private Optional<DeliveryOutcome> ofVerification(String project, String name, Optional<PromotionDetail> promotion)
            throws ConfigException {
        VerificationDetail verification = views.verification(project, name);
        Optional<VerificationDetail> v = Optional.of(verification);
        if (!verification.ended()) {
            StageCard stage = views.stage(project, verification.stage());
            boolean waitsForDecision = stage.waitsForDecision()
                    && stage.lastVerification().filter(latest -> latest.name().equals(name)).isPresent();
            return waitsForDecision ? Optional.of(new DeliveryOutcome.WaitingForDecision(promotion, v, stage.gate()))
                    : Optional.empty();
        }
        return Optional.of(switch (verification.phase()) {
            case "Successful" -> new DeliveryOutcome.Succeeded(promotion, v);
            case "Aborted" -> new DeliveryOutcome.Aborted(promotion, v, verification.message());
            default -> new DeliveryOutcome.Failed(promotion, v, verification.failedMetric(), verification.message());
        });
    }

    private synchronized void startWatching() {
        if (watching != null || watcher.isShutdown()) {
            return;
        }
        if (changes == null) {
            changes = store.changes();
        }
        seen = changes.version();
        watching = watcher.scheduleWithFixedDelay(this::look, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void stopWatching() {
        if (watching != null) {
            watching.cancel(false);
            watching = null;
        }
    }

    /** The watcher's tick: when anyone committed since the last look, looks at what is waited for. */
    private void look() {
        try {
            long version;
            synchronized (this) {
                if (changes == null) {
                    return;
                }
                version = changes.version();
                if (version == seen) {
                    return;
                }
                seen = version;
            }
            check();
        } catch (RuntimeException e) {
            // a store that cannot be read now is read again at the next tick; the waits stay
        }
    }

    /** Stops the watcher; futures not completed yet stay so (a Jenkins step asks again after a restart). */
    @Override
    public void close() {
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (changes != null) {
                changes.close();
                changes = null;
            }
        }
    }

    private record Wait(String project, String name, boolean promotion, boolean finalOnly,
                        CompletableFuture<DeliveryOutcome> future) {
    }
}
