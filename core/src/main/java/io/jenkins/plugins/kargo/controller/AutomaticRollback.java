package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.PromotionPolicy;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.DeliveryListener;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.FreightStatus;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.KargoStore;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kargo's {@code autoRollback} ({@code ProjectConfig.promotionPolicies[].autoRollback}): when a stage's verification
 * or promotion ends in a phase its policy names, the stage's stable Freight (the newest in its history that was
 * verified there and is not the Freight that failed) is promoted through the normal path, as a rollback: it holds
 * auto-promotion, and the audit trail and a {@link DeliveryEvent.Type#ROLLBACK} event say why.
 */
final class AutomaticRollback {

    interface Rollbacks {
        Promotion rollback(String project, String stage, String to, String actor, String why);
    }

    private final KargoStore store;
    private final Rollbacks rollbacks;
    private final DeliveryListener delivery;
    private final EventSink events;
    private final Clock clock;

    AutomaticRollback(KargoStore store, Rollbacks rollbacks, DeliveryListener delivery, EventSink events, Clock clock) {
        this.store = store;
        this.rollbacks = rollbacks;
        this.delivery = delivery;
        this.events = events;
        this.clock = clock;
    }

    /** After a verification that ended in {@code phase}. */
    void afterVerification(KargoConfig config, Stage stage, String phase, Collection<String> failed, String why) {
        if (policy(config, stage).onVerification().contains(phase)) {
            rollBack(stage, failed, "verification " + phase + ": " + why);
        }
    }

    /** After a promotion that ended in {@code phase}. */
    void afterPromotion(KargoConfig config, Stage stage, String phase, Collection<String> failed, String why) {
        if (policy(config, stage).onPromotion().contains(phase)) {
            rollBack(stage, failed, "promotion " + phase + ": " + why);
        }
    }

    private static PromotionPolicy.AutoRollback policy(KargoConfig config, Stage stage) {
        return config.promotionPolicy(stage).map(PromotionPolicy::autoRollback).orElse(PromotionPolicy.AutoRollback.NONE);
    }

    private void rollBack(Stage stage, Collection<String> failed, String why) {
        String project = stage.project();
        Map<String, FreightStatus> statuses = store.stages().freightStatuses(project);
        Optional<String> stable = store.stages().status(project, stage.name()).history().stream()
                .filter(entry -> entry.items().values().stream().noneMatch(failed::contains))
                .filter(entry -> entry.items().values().stream().allMatch(f ->
                        statuses.getOrDefault(f, FreightStatus.NONE).isVerifiedIn(stage.name())))
                .map(FreightHistoryEntry::items).flatMap(items -> items.values().stream()).findFirst();
        if (stable.isEmpty()) {
            events.warn("stage " + stage.name() + " has no verified Freight to roll back to after " + why);
            return;
        }
        Promotion rollback = rollbacks.rollback(project, stage.name(), stable.get(), AutoPromotion.ACTOR,
                "automatic rollback after " + why);
        events.warn("rolling stage " + stage.name() + " back to Freight " + stable.get() + " after " + why
                + ": promotion " + rollback.name());
        delivery.on(new DeliveryEvent(DeliveryEvent.Type.ROLLBACK, project, stage.name(), List.of(
                new DeliveryEvent.Freight(stable.get(), store.freight().byName(project, stable.get())
                        .map(f -> f.alias()).orElse(""))), rollback.name(),
                AutoPromotion.ACTOR, "rolled back after " + why, clock.instant()));
    }
}
