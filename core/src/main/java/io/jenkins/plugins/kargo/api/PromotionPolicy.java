package io.jenkins.plugins.kargo.api;

import java.util.List;
import java.util.Map;

/**
 * Whether the stages a selector matches are promoted automatically. The older {@code stage: NAME} form is read as a
 * selector on that exact name, as Kargo does.
 *
 * @param autoRollback which outcomes roll a stage back to its last verified freight (empty lists: never)
 */
public record PromotionPolicy(StageSelector stageSelector, boolean autoPromotionEnabled, AutoRollback autoRollback,
                              SourceLocation location) {

    public boolean appliesTo(String stageName, Map<String, String> stageLabels) {
        return stageSelector.matches(stageName, stageLabels);
    }

    /**
     * Kargo's {@code autoRollback}: verification phases ({@code Failed}, {@code Error}) and promotion phases
     * ({@code Failed}, {@code Errored}) that trigger a rollback.
     */
    public record AutoRollback(List<String> onVerification, List<String> onPromotion) {
        public static final AutoRollback NONE = new AutoRollback(List.of(), List.of());

        public AutoRollback {
            onVerification = List.copyOf(onVerification);
            onPromotion = List.copyOf(onPromotion);
        }

        public boolean enabled() {
            return !onVerification.isEmpty() || !onPromotion.isEmpty();
        }
    }
}
