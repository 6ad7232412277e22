package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.FreightRequest;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.freight.Availability;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAvailability;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionName;
import io.jenkins.plugins.kargo.state.AutoPromotionHold;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.StageStatus;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What users ask of stages: promote (validated as Kargo's Promotion webhook does, then queued), approve, roll back,
 * abort, release a hold. Each request is recorded in the audit trail with who made it. Running the queue is
 * {@link PromotionWorker}'s.
 */
public final class Promoter {

    private final KargoStore store;
    private final AutoPromotion autoPromotion;
    private final PromotionName names;
    private final Clock clock;

    public Promoter(KargoStore store, AutoPromotion autoPromotion, PromotionName names, Clock clock) {
        this.store = store;
        this.autoPromotion = autoPromotion;
        this.names = names;
        this.clock = clock;
    }

    /**
     * Queues a promotion of the Freight (name or alias) into the stage, if it is available there. On a stage with
     * auto-promotion, promoting anything but the auto-promotion candidate sets the stage's hold; promoting the
     * candidate lifts it.
     *
     * @throws PromotionRefusedException saying why the Freight is not available
     */
    public Promotion promote(KargoConfig config, String project, String stageName, String freightRef, String actor) {
        Stage stage = stage(config, project, stageName);
        Freight freight = freight(project, freightRef);
        Promotion promotion = enqueue(stage, freight, actor, "promote");
        if (config.autoPromotionEnabled(stage)) {
            boolean isCandidate = stage.requestedFreight().stream().filter(r -> r.origin().equals(freight.origin()))
                    .map(r -> autoPromotion.candidate(project, stage, r)).flatMap(Optional::stream)
                    .anyMatch(c -> c.name().equals(freight.name()));
            StageStatus status = store.stages().status(project, stageName);
            if (!isCandidate) {
                hold(project, stageName, freight, actor);
            } else if (status.hold().isPresent()) {
                store.stages().setHold(project, stageName, Optional.empty());
                store.audit().record(project, actor, "release-hold", "stage/" + stageName,
                        "promoted the auto-promotion candidate " + freight.alias());
            }
        }
        return promotion;
    }

    /** Queues an automatic promotion of the candidate; no hold changes. */
    Promotion promoteAutomatically(Stage stage, Freight freight) {
        return enqueue(stage, freight, AutoPromotion.ACTOR, "auto-promote");
    }

    /**
     * Promotes the stage's previous Freight, or {@code to} (a name or alias from its history), through the normal
     * path, and sets the auto-promotion hold so automation does not roll forward again.
     */
    public Promotion rollback(KargoConfig config, String project, String stageName, String to, String actor) {
        Stage stage = stage(config, project, stageName);
        List<FreightHistoryEntry> history = store.stages().status(project, stageName).history();
        String target;
        if (to == null) {
            if (history.size() < 2) {
                throw new PromotionRefusedException("stage " + stageName + " has no previous Freight to roll back to"
                        + (history.isEmpty() ? " (nothing was ever promoted into it)" : " (one promotion so far)"));
            }
            String current = history.get(0).items().values().iterator().next();
            target = history.stream().skip(1).flatMap(e -> e.items().values().stream())
                    .filter(f -> !f.equals(current)).findFirst().orElseThrow(() -> new PromotionRefusedException(
                            "stage " + stageName + " has had no other Freight than its current one"));
        } else {
            Freight named = freight(project, to);
            if (history.stream().noneMatch(e -> e.items().containsValue(named.name()))) {
                throw new PromotionRefusedException("Freight " + named.alias() + " (" + named.name() + ") is not in the "
                        + "history of stage " + stageName + "; see `kargo get freight --stage " + stageName + "`");
            }
            target = named.name();
        }
        Freight freight = freight(project, target);
        Promotion promotion = enqueue(stage, freight, actor, "rollback");
        hold(project, stageName, freight, actor);
        return promotion;
    }

    /**
     * Kargo's manual approval: the Freight becomes available to the stage whatever its upstream verification and
     * soak (not whatever the stage's maturity and version filters).
     *
     * @return false when it was approved for the stage already
     */
    public boolean approve(KargoConfig config, String project, String freightRef, String stageName, String actor) {
        Stage stage = stage(config, project, stageName);
        Freight freight = freight(project, freightRef);
        if (stage.requestedFreight().stream().map(FreightRequest::origin).noneMatch(freight.origin()::equals)) {
            throw new PromotionRefusedException("stage " + stageName + " requests no Freight from " + freight.origin()
                    + ", so Freight " + freight.alias() + " cannot be approved for it");
        }
        boolean approved = store.stages().approve(project, freight.name(), stageName, actor);
        if (approved) {
            store.audit().record(project, actor, "approve", "freight/" + freight.name(), "for stage " + stageName);
        }
        return approved;
    }

    public Promotion abort(String project, String promotion, String actor) {
        Promotion aborted = store.promotions().requestAbort(project, promotion, actor);
        store.audit().record(project, actor, "abort", "promotion/" + promotion, aborted.phase().name());
        return aborted;
    }

    /** Lifts the stage's auto-promotion hold. @return false when it had none */
    public boolean releaseHold(KargoConfig config, String project, String stageName, String actor) {
        stage(config, project, stageName);
        if (store.stages().status(project, stageName).hold().isEmpty()) {
            return false;
        }
        store.stages().setHold(project, stageName, Optional.empty());
        store.audit().record(project, actor, "release-hold", "stage/" + stageName, "");
        return true;
    }

    private Promotion enqueue(Stage stage, Freight freight, String actor, String action) {
        String project = stage.project();
        Availability availability = FreightAvailability.of(stage, freight,
                store.stages().freightStatus(project, freight.name()), clock.instant());
        if (!availability.available()) {
            throw new PromotionRefusedException("Freight " + freight.alias() + " (" + freight.name()
                    + ") is not available to stage " + stage.name() + ": " + availability.reason());
        }
        Promotion promotion = store.promotions().create(project, names.generate(stage.name(), freight.name()),
                stage.name(), freight.name(), actor);
        store.audit().record(project, actor, action, "stage/" + stage.name(),
                "Freight " + freight.alias() + " (" + freight.name() + "), promotion " + promotion.name());
        return promotion;
    }

    private void hold(String project, String stage, Freight freight, String actor) {
        store.stages().setHold(project, stage, Optional.of(new AutoPromotionHold(freight.name(), actor, clock.instant())));
        store.audit().record(project, actor, "hold", "stage/" + stage, "auto-promotion held at Freight " + freight.alias());
    }

    private static Stage stage(KargoConfig config, String project, String name) {
        return config.stage(project, name).orElseThrow(() -> new NoSuchElementException("stage " + name
                + " not found in project " + project + "; stages: "
                + config.stages(project).stream().map(Stage::name).collect(Collectors.joining(", "))));
    }

    /** The Freight a user names, by name or alias. */
    Freight freight(String project, String ref) {
        return store.freight().byName(project, ref).or(() -> store.freight().byAlias(project, ref))
                .orElseThrow(() -> new NoSuchElementException("Freight " + ref + " not found in project " + project
                        + "; see `kargo get freight`"));
    }
}
