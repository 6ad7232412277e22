package io.jenkins.plugins.kargo.promotion;

/** Kargo's promotion phases ({@code api/v1alpha1/promotion_types.go}). */
public enum PromotionPhase {
    Pending, Running, Succeeded,
    /** A non-technical failure: something refused the change. */
    Failed,
    /** A technical failure: a step could not do its work. */
    Errored,
    /** Stopped by a user. */
    Aborted;

    public boolean isTerminal() {
        return this != Pending && this != Running;
    }
}
