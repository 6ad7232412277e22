package io.jenkins.plugins.kargo.api;

import java.time.Duration;
import java.util.List;

/**
 * Where a Stage's requested freight may come from: the Warehouse itself ({@code direct}) and/or upstream stages.
 *
 * @param requiredSoakTime how long freight must have been in an upstream stage; {@link Duration#ZERO} if not set
 */
public record FreightSources(boolean direct, List<String> stages, AvailabilityStrategy availabilityStrategy,
                             Duration requiredSoakTime, AutoPromotionSelectionPolicy selectionPolicy) {

    public FreightSources {
        stages = List.copyOf(stages);
    }

    /** Kargo's {@code availabilityStrategy}: verified in one of the upstream stages (default) or in all of them. */
    public enum AvailabilityStrategy { OneOf, All }

    /** Kargo's {@code autoPromotionOptions.selectionPolicy}. */
    public enum AutoPromotionSelectionPolicy { NewestFreight, MatchUpstream }
}
