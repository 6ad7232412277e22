package io.jenkins.plugins.kargo.application.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a stage shows: its current Freight, health, last promotion, auto-promotion hold, last verification, and
 * whether a person lets Freight in ({@link Gate}) or must decide its verification now.
 *
 * @param current          the current Freight, one per origin the stage requests; empty before the first promotion
 * @param health           Unknown after a promotion, Healthy once its verification passed, Unhealthy when it failed
 * @param waitsForDecision its verification runs and waits for a person's approval or rejection
 */
public record StageCard(String project, String name, List<FreightRef> current, String health,
                        Optional<PromotionDetail> lastPromotion, Optional<Hold> hold,
                        Optional<VerificationDetail> lastVerification, Gate gate, boolean waitsForDecision) {

    public StageCard {
        current = List.copyOf(current);
    }

    /** Kargo's auto-promotion hold: who promoted which Freight by hand, so automation does not roll forward. */
    public record Hold(FreightRef freight, String actor, Instant since) {
    }
}
