package io.jenkins.plugins.kargo.state;

import java.util.List;
import java.util.Optional;

/**
 * What the engine knows about a stage: its Freight history (newest first, at most {@value #MAX_HISTORY}; the first
 * entry is the current Freight), its health and its auto-promotion hold.
 *
 * @param health {@code Unknown} after a promotion, {@code Healthy} once its verification passed (at once without one),
 *               {@code Unhealthy} when it failed
 */
public record StageStatus(String stage, List<FreightHistoryEntry> history, String health, Optional<AutoPromotionHold> hold) {

    /** Kargo's {@code FreightHistory} {@code maxSize}. */
    public static final int MAX_HISTORY = 10;

    public static final String UNKNOWN_HEALTH = "Unknown";
    public static final String HEALTHY = "Healthy";
    public static final String UNHEALTHY = "Unhealthy";

    public StageStatus {
        history = List.copyOf(history);
    }

    public static StageStatus initial(String stage) {
        return new StageStatus(stage, List.of(), UNKNOWN_HEALTH, Optional.empty());
    }

    public Optional<FreightHistoryEntry> current() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(0));
    }
}
