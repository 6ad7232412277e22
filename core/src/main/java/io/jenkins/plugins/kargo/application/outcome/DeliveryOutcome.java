package io.jenkins.plugins.kargo.application.outcome;

import io.jenkins.plugins.kargo.application.view.Gate;
import io.jenkins.plugins.kargo.application.view.PromotionDetail;
import io.jenkins.plugins.kargo.application.view.VerificationDetail;
import java.util.Optional;

/**
 * Where a promotion and the verification that follows it settled: a final outcome, or a verification that waits for a
 * person (not final: ask again for a new future once the decision is given). A re-verification has no promotion.
 */
public sealed interface DeliveryOutcome {

    Optional<PromotionDetail> promotion();

    Optional<VerificationDetail> verification();

    /** Whether nothing more will happen to it (all but {@link WaitingForDecision}). */
    default boolean isFinal() {
        return !(this instanceof WaitingForDecision);
    }

    /** The promotion succeeded and its verification, if the stage has one, was Successful. */
    record Succeeded(Optional<PromotionDetail> promotion, Optional<VerificationDetail> verification)
            implements DeliveryOutcome {
    }

    /**
     * The promotion or its verification did not succeed.
     *
     * @param failedAt the failing step's alias, or the failing metric's name; empty when neither is known
     * @param message  why, in the promotion's or the verification's words
     */
    record Failed(Optional<PromotionDetail> promotion, Optional<VerificationDetail> verification, String failedAt,
                  String message) implements DeliveryOutcome {
    }

    /** The verification runs and waits for a person's decision; {@code gate} says who may give it. */
    record WaitingForDecision(Optional<PromotionDetail> promotion, Optional<VerificationDetail> verification, Gate gate)
            implements DeliveryOutcome {
    }

    /** Someone aborted the promotion or its verification; {@code message} says who and when, as recorded. */
    record Aborted(Optional<PromotionDetail> promotion, Optional<VerificationDetail> verification, String message)
            implements DeliveryOutcome {
    }
}
