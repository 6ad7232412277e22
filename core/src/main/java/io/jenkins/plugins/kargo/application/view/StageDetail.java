package io.jenkins.plugins.kargo.application.view;

import java.util.List;

/**
 * Everything about one stage: its card, its Freight history (newest first), its promotions and verifications
 * (oldest first) with step logs and measurements.
 */
public record StageDetail(StageCard card, List<HistoryEntry> history, List<PromotionDetail> promotions,
                          List<VerificationDetail> verifications) {

    public StageDetail {
        history = List.copyOf(history);
        promotions = List.copyOf(promotions);
        verifications = List.copyOf(verifications);
    }
}
