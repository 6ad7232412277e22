package io.jenkins.plugins.kargo.application.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a stage shows: its current Freight and their versions, health, last promotion, auto-promotion hold, last
 * verification, and whether a person lets Freight in ({@link Gate}) or must decide its verification now.
 *
 * @param current          the current Freight, one per origin the stage requests; empty before the first promotion
 * @param artifacts        the current Freight's artifacts with their versions (of every origin)
 * @param health           Unknown after a promotion, Healthy once its verification passed, Unhealthy when it failed
 * @param waitsForDecision its verification runs and waits for a person's approval or rejection
 * @param waitingFreight   the Freight a person is asked about: the one whose verification waits for a decision, or,
 *                         at a manual gate, the newest Freight available to the stage and newer than its current one
 */
public record StageCard(String project, String name, List<FreightRef> current, List<FreightCard.Artifact> artifacts,
                        String health, Optional<PromotionDetail> lastPromotion, Optional<Hold> hold,
                        Optional<VerificationDetail> lastVerification, Gate gate, boolean waitsForDecision,
                        Optional<FreightRef> waitingFreight) {

    public StageCard {
        current = List.copyOf(current);
        artifacts = List.copyOf(artifacts);
    }

    /** Kargo's auto-promotion hold: who promoted which Freight by hand, so automation does not roll forward. */
    public record Hold(FreightRef freight, String actor, Instant since) {
    }
}
