package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.DeliveryListener;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionName;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.PromotionPlan;
import io.jenkins.plugins.kargo.promotion.PromotionRun;
import io.jenkins.plugins.kargo.promotion.PromotionRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepLogEntry;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.StoreException;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a stage's promotions, one at a time, oldest first, and their verifications, while it holds the stage's
 * {@link StageLease}. A verification runs before the next promotion starts, as Kargo holds a new promotion back
 * while the current Freight's verification is under way.
 *
 * <p>Each promotion runs the stage's steps in a fresh working directory with a {@link StepContext} whose Freight
 * collection is the promoted Freight plus the stage's current Freight of its other origins (Kargo's
 * {@code buildTargetFreightCollection}). When it succeeds the stage's history and the Freight's {@code currentlyIn}
 * change with its end, in one transaction, which also queues the stage's verification ({@link Verifier}); a stage
 * without {@code verification} has the Freight marked verified at once (Kargo records an immediately Successful
 * verification).
 *
 * <p>Crash recovery: a promotion found Running by a worker that has just taken the lease lost its worker (the lease
 * is a file lock the operating system releases when a process dies). It is run again from the beginning in a new
 * working directory, which is safe because the steps converge: a clone fetches what the branch has now, an edit that
 * is already there changes nothing, {@code git-commit} makes no empty commit and {@code git-push} has nothing to
 * push, {@code argocd-update} syncs to the same revision. A promotion that was interrupted {@value #MAX_ATTEMPTS}
 * times is not tried again but ends Errored, so a promotion that kills its worker cannot loop.
 */
public final class PromotionWorker {

    /** A promotion is started at most this often: once, and once more after a crash. */
    static final int MAX_ATTEMPTS = 2;

    private final KargoStore store;
    private final PromotionRunner runner;
    private final Verifier verifier;
    private final AutomaticRollback rollback;
    private final PromotionName names;
    private final CredentialsProvider credentials;
    private final DeliveryListener delivery;
    private final EventSink events;
    private final Clock clock;

    PromotionWorker(KargoStore store, PromotionRunner runner, Verifier verifier, AutomaticRollback rollback,
                    PromotionName names, CredentialsProvider credentials, DeliveryListener delivery, EventSink events,
                    Clock clock) {
        this.store = store;
        this.runner = runner;
        this.verifier = verifier;
        this.rollback = rollback;
        this.names = names;
        this.credentials = credentials;
        this.delivery = delivery;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Runs the stage's verifications and promotions until none is left, unless another worker (thread or process)
     * runs the stage.
     *
     * @return false when another worker holds the stage; its queue is that worker's
     */
    public boolean drain(KargoConfig config, String project, String stage) {
        Optional<StageLease> lease = StageLease.tryAcquire(store.directory(), project, stage);
        if (lease.isEmpty()) {
            return false;
        }
        try (StageLease held = lease.get()) {
            while (true) {
                Optional<VerificationRun> verification = store.verifications().startNext(project, stage);
                if (verification.isPresent()) {
                    if (!verifier.run(config, project, verification.get())) {
                        break;
                    }
                    continue;
                }
                Optional<Promotion> next = store.promotions().startNext(project, stage);
                if (next.isEmpty() || !run(config, project, next.get())) {
                    break;
                }
            }
        }
        return true;
    }

    /** @return false when the thread was interrupted: the promotion stays Running for recovery */
    private boolean run(KargoConfig config, String project, Promotion promotion) {
        String name = promotion.name();
        if (promotion.attempts() > MAX_ATTEMPTS) {
            finish(project, promotion, PromotionPhase.Errored, "interrupted " + MAX_ATTEMPTS + " times (the process "
                    + "running it stopped); not tried again: check its step log, then promote again", null, Optional.empty());
            return true;
        }
        if (promotion.abortRequested()) {
            finish(project, promotion, PromotionPhase.Aborted, "aborted while it ran; its process stopped before it ended", null, Optional.empty());
            return true;
        }
        if (promotion.attempts() > 1) {
            events.info("promotion " + name + " was interrupted (its process stopped); running it again from the start");
        }
        Optional<Stage> stage = config.stage(project, promotion.stage());
        Optional<Freight> freight = store.freight().byName(project, promotion.freight());
        if (stage.isEmpty() || freight.isEmpty()) {
            finish(project, promotion, PromotionPhase.Errored, stage.isEmpty()
                    ? "stage " + promotion.stage() + " is no longer in the configuration"
                    : "Freight " + promotion.freight() + " no longer exists", null, Optional.empty());
            return true;
        }
        FreightCollection collection = collection(project, stage.get(), freight.get());
        Path workDir = store.directory().resolve("work").resolve(project).resolve(name);
        PromotionRun outcome;
        try {
            deleteRecursively(workDir); // what a crashed attempt left
            Files.createDirectories(workDir);
            StepContext context = new StepContext(project, promotion.stage(), name, promotion.actor(), collection,
                    workDir, credentials.forProject(project), events, clock, isRollback(project, promotion));
            // the stage's promotionTemplate steps (its tasks' steps in place), or its promotionMechanisms as steps
            PromotionPlan plan = PromotionPlan.of(stage.get(), reference -> config.promotionTask(project, reference));
            outcome = runner.run(plan.vars(), plan.steps(), context, () -> store.promotions().abortRequested(project, name),
                    step -> store.promotions().appendStep(project, name, StepLogEntry.of(step)));
        } catch (ConfigException e) {
            outcome = errored(String.join("; ", e.problems().stream().map(Object::toString).toList()));
        } catch (IOException | UncheckedIOException e) {
            outcome = errored("working directory " + workDir + ": " + e.getMessage());
        } catch (RuntimeException e) {
            outcome = errored(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (outcome.phase() == PromotionPhase.Aborted && Thread.currentThread().isInterrupted()
                && !store.promotions().abortRequested(project, name)) {
            // shutting down, not aborted by a user: the next worker recovers it
            return false;
        }
        Optional<String> verification = stage.get().verification()
                .map(v -> names.generate(promotion.stage(), collection.id()));
        try {
            finish(project, promotion, outcome.phase(), outcome.message(),
                    new FreightHistoryEntry(collection.id(), items(collection), name, clock.instant()), verification);
        } catch (StoreException e) {
            throw new StoreException(unrecorded(promotion, outcome, e), e);
        }
        verification.flatMap(v -> store.verifications().get(project, v)).filter(v -> v.phase().isTerminal())
                .ifPresent(reused -> verifier.announce(config, project, reused, stage));
        if (outcome.phase() == PromotionPhase.Failed || outcome.phase() == PromotionPhase.Errored) {
            rollback.afterPromotion(config, stage.get(), outcome.phase().name(), List.of(promotion.freight()),
                    outcome.message());
        }
        try {
            deleteRecursively(workDir);
        } catch (IOException e) {
            events.warn("cannot delete the working directory " + workDir + " of promotion " + name + ": " + e.getMessage());
        }
        return true;
    }

    /** What a promotion that ran but could not record its end did, and how to get back to a recorded state. */
    private static String unrecorded(Promotion promotion, PromotionRun outcome, StoreException cause) {
        StringBuilder text = new StringBuilder("promotion " + promotion.name() + " of Freight " + promotion.freight()
                + " into stage " + promotion.stage() + " ended " + outcome.phase()
                + (outcome.message().isEmpty() ? "" : " (" + outcome.message() + ")")
                + " but its outcome could not be recorded: " + cause.getMessage() + ".\nWhat its steps did:");
        outcome.steps().forEach(step -> text.append("\n  ").append(step.alias()).append(" (").append(step.uses())
                .append("): ").append(step.status()).append(step.message().isEmpty() ? "" : ": "
                        + step.message().lines().findFirst().orElse("")));
        if (outcome.steps().isEmpty()) {
            text.append(" none ran");
        }
        return text.append("\nTo recover: what the steps did stays done (a pushed commit stays pushed). Restore the"
                + " state directory from a backup, or apply the configuration into a new state directory, then promote"
                + " Freight " + promotion.freight() + " into stage " + promotion.stage() + " again: its steps"
                + " converge, so nothing is pushed twice.").toString();
    }

    private static PromotionRun errored(String message) {
        return new PromotionRun(PromotionPhase.Errored, List.of(), message);
    }

    private void finish(String project, Promotion promotion, PromotionPhase phase, String message,
                        FreightHistoryEntry promoted, Optional<String> verification) {
        store.promotions().finish(project, promotion.name(), phase, message, promoted, verification);
        store.requireInPlace(); // SQLite writes on into a deleted state directory: the end would be lost unseen
        String line = "promotion " + promotion.name() + " of Freight " + promotion.freight() + " into "
                + promotion.stage() + ": " + phase + (message.isEmpty() ? "" : ": " + message);
        if (phase == PromotionPhase.Succeeded) {
            events.info(line);
        } else {
            events.warn(line);
        }
        if (phase != PromotionPhase.Aborted) {
            delivery.on(new DeliveryEvent(phase == PromotionPhase.Succeeded ? DeliveryEvent.Type.PROMOTION_SUCCEEDED
                    : DeliveryEvent.Type.PROMOTION_FAILED, project, promotion.stage(), List.of(new DeliveryEvent.Freight(
                    promotion.freight(), store.freight().byName(project, promotion.freight()).map(Freight::alias)
                    .orElse(""))), promotion.name(), promotion.actor(), phase + (message.isEmpty() ? "" : ": " + message),
                    clock.instant()));
        }
    }

    /** The promoted Freight plus the stage's current Freight of every other origin it requests. */
    FreightCollection collection(String project, Stage stage, Freight promoted) {
        List<Freight> items = new ArrayList<>(List.of(promoted));
        Map<String, String> current = store.stages().status(project, stage.name()).current()
                .map(FreightHistoryEntry::items).orElse(Map.of());
        for (var entry : current.entrySet()) {
            boolean requested = stage.requestedFreight().stream().anyMatch(r -> r.origin().toString().equals(entry.getKey()));
            if (requested && !entry.getKey().equals(promoted.origin().toString())) {
                store.freight().byName(project, entry.getValue()).ifPresent(items::add);
            }
        }
        return new FreightCollection(items);
    }

    private static Map<String, String> items(FreightCollection collection) {
        Map<String, String> items = new LinkedHashMap<>();
        collection.items().forEach(f -> items.put(f.origin().toString(), f.name()));
        return items;
    }

    /** Whether the promotion takes its stage back to a Freight it had before, not the current one. */
    private boolean isRollback(String project, Promotion promotion) {
        List<FreightHistoryEntry> history = store.stages().status(project, promotion.stage()).history();
        return !history.isEmpty() && !history.get(0).items().containsValue(promotion.freight())
                && history.stream().skip(1).anyMatch(e -> e.items().containsValue(promotion.freight()));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
