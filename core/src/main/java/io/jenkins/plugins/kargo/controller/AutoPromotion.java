package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.FreightRequest;
import io.jenkins.plugins.kargo.api.FreightSources.AutoPromotionSelectionPolicy;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAvailability;
import io.jenkins.plugins.kargo.freight.FreightStatus;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.state.FreightHistoryEntry;
import io.jenkins.plugins.kargo.state.KargoStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kargo's auto-promotion ({@code pkg/api/auto_promotion.go}, {@code autoPromoteFreight}): per stage with
 * {@code autoPromotionEnabled} and per origin it requests, the candidate is the newest available Freight (by
 * creation, name breaking ties), or with {@code selectionPolicy: MatchUpstream} the Freight currently in its one
 * upstream stage. It is promoted unless it is already current, already queued or running, its last promotion into
 * the stage did not succeed (no retry loop), or the stage has an auto-promotion hold.
 */
public final class AutoPromotion {

    /** The actor of automatic promotions, as Kargo's controller. */
    public static final String ACTOR = "kargo-controller";

    private final KargoStore store;
    private final Clock clock;

    public AutoPromotion(KargoStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The Freight auto-promotion would put into the stage for this request's origin, if any is available. */
    public Optional<Freight> candidate(String project, Stage stage, FreightRequest request) {
        return snapshot(project).candidate(stage, request);
    }

    /** One reading of the project's Freight, for asking the candidates of many stages (a view of every stage). */
    public Snapshot snapshot(String project) {
        return new Snapshot(project);
    }

    /**
     * The project's Freight statuses read once, and each warehouse's Freight read once when first asked: the
     * candidates of every stage of a project of 1,000 Freight cost one reading instead of one per stage.
     */
    public final class Snapshot {
        private final String project;
        private final Instant now = clock.instant();
        private final Map<String, FreightStatus> statuses;
        private final Map<String, List<Freight>> byWarehouse = new HashMap<>();

        private Snapshot(String project) {
            this.project = project;
            this.statuses = store.stages().freightStatuses(project);
        }

        /** As {@link AutoPromotion#candidate}, over this reading. */
        public Optional<Freight> candidate(Stage stage, FreightRequest request) {
            List<Freight> pool;
            if (request.sources().selectionPolicy() == AutoPromotionSelectionPolicy.MatchUpstream
                    && request.sources().stages().size() == 1) {
                pool = store.stages().status(project, request.sources().stages().get(0)).current()
                        .map(e -> e.items().get(request.origin().toString()))
                        .flatMap(name -> store.freight().byName(project, name)).stream().toList();
            } else {
                pool = byWarehouse.computeIfAbsent(request.origin().name(), w -> store.freight().list(project, w));
            }
            return pool.stream()
                    .filter(f -> f.origin().equals(request.origin()))
                    .filter(f -> FreightAvailability.of(stage, f, statuses.getOrDefault(f.name(), FreightStatus.NONE),
                            now).available())
                    .max(Comparator.comparing(Freight::createdAt).thenComparing(Freight::name));
        }
    }

    /** The candidates to enqueue now, over every auto-promoted stage of the project, upstream stages first. */
    List<Candidate> due(KargoConfig config, String project) {
        List<Candidate> due = new ArrayList<>();
        for (Stage stage : config.stages(project)) {
            if (!config.autoPromotionEnabled(stage) || store.stages().status(project, stage.name()).hold().isPresent()) {
                continue;
            }
            // the queue before the current Freight: a promotion that ends between the two reads is then seen
            // either still open or already current (it leaves the queue and arrives in one transaction)
            List<Promotion> open = store.promotions().open(project, stage.name());
            Map<String, String> current = store.stages().status(project, stage.name()).current()
                    .map(FreightHistoryEntry::items).orElse(Map.of());
            for (FreightRequest request : stage.requestedFreight()) {
                candidate(project, stage, request)
                        .filter(f -> !f.name().equals(current.get(f.origin().toString())))
                        .filter(f -> open.stream().noneMatch(p -> p.freight().equals(f.name())))
                        .filter(f -> store.promotions().lastEnded(project, stage.name(), f.name())
                                .map(p -> p.phase() == PromotionPhase.Succeeded).orElse(true))
                        .ifPresent(f -> due.add(new Candidate(stage, f)));
            }
        }
        return due;
    }

    record Candidate(Stage stage, Freight freight) {
    }
}
