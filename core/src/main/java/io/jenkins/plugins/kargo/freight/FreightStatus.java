package io.jenkins.plugins.kargo.freight;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where a Freight has been, per stage (Kargo's {@code Freight.status}): verified in, approved for, currently in.
 * Kept by the state store; read by {@link FreightAvailability}.
 */
public record FreightStatus(Map<String, VerifiedIn> verifiedIn, Map<String, ApprovedFor> approvedFor,
                            Map<String, CurrentlyIn> currentlyIn) {

    public static final FreightStatus NONE = new FreightStatus(Map.of(), Map.of(), Map.of());

    public FreightStatus {
        verifiedIn = Map.copyOf(verifiedIn);
        approvedFor = Map.copyOf(approvedFor);
        currentlyIn = Map.copyOf(currentlyIn);
    }

    /**
     * @param longestCompletedSoak the longest stay in the stage that has ended ({@link Duration#ZERO} if none);
     *                             Kargo's {@code longestSoak}
     */
    public record VerifiedIn(Instant verifiedAt, Duration longestCompletedSoak) {
    }

    /** Kargo's {@code approvedFor}, plus who approved. */
    public record ApprovedFor(Instant approvedAt, String approvedBy) {
    }

    public record CurrentlyIn(Instant since) {
    }

    public boolean isVerifiedIn(String stage) {
        return verifiedIn.containsKey(stage);
    }

    public boolean isApprovedFor(String stage) {
        return approvedFor.containsKey(stage);
    }

    /**
     * Kargo's {@code GetLongestSoak}: zero unless verified in the stage, else the longer of the longest completed
     * stay and the current one.
     */
    public Duration longestSoak(String stage, Instant now) {
        VerifiedIn verified = verifiedIn.get(stage);
        if (verified == null) {
            return Duration.ZERO;
        }
        CurrentlyIn current = currentlyIn.get(stage);
        Duration currentSoak = current == null ? Duration.ZERO : Duration.between(current.since(), now);
        return currentSoak.compareTo(verified.longestCompletedSoak()) > 0 ? currentSoak : verified.longestCompletedSoak();
    }
}
