package io.jenkins.plugins.kargo.application.view;

import java.time.Instant;
import java.util.List;

/**
 * Everything about one stage: its card, its Freight history (newest first), its promotions and verifications
 * (oldest first) with step logs and measurements, and the decisions people made about it (newest first).
 */
public record StageDetail(StageCard card, List<HistoryEntry> history, List<PromotionDetail> promotions,
                          List<VerificationDetail> verifications, List<Decision> decisions) {

    public StageDetail {
        history = List.copyOf(history);
        promotions = List.copyOf(promotions);
        verifications = List.copyOf(verifications);
        decisions = List.copyOf(decisions);
    }

    /**
     * A person's decision about Freight in the stage.
     *
     * @param kind         {@code approval} (Kargo's manual approval for the stage), {@code sign-off} or
     *                     {@code rejection} (of a verification that waited for a person)
     * @param verification the verification decided; empty for an approval
     */
    public record Decision(String kind, FreightRef freight, String actor, Instant at, String verification) {
    }
}
