package io.jenkins.plugins.kargo.promotion;

import java.util.Map;

/**
 * The functions of Kargo's promotion expressions: the {@link FreightFunctions} of the Freight being promoted, plus
 * {@code success}, {@code failure}, {@code always} and {@code status}, which see the steps finished so far.
 */
public final class PromotionFunctions extends FreightFunctions {

    private final Map<String, StepStatus> finished;
    private final boolean failures;

    /**
     * @param finished the status of each step that has finished so far, by alias, in order
     * @param failures whether any of them Failed or Errored without {@code continueOnError}
     */
    PromotionFunctions(FreightCollection freight, Map<String, StepStatus> finished, boolean failures) {
        super(freight, "the Freight being promoted");
        this.finished = Map.copyOf(finished);
        this.failures = failures;
    }

    /** Whether no earlier step Failed or Errored (steps with {@code continueOnError} aside). */
    public boolean success() {
        return !failures;
    }

    /** Whether an earlier step Failed or Errored (steps with {@code continueOnError} aside). */
    public boolean failure() {
        return failures;
    }

    public boolean always() {
        return true;
    }

    /** The status of the finished step with that alias: {@code Succeeded}, {@code Skipped}, {@code Failed}, ... */
    public String status(String alias) {
        StepStatus status = finished.get(alias);
        if (status == null) {
            throw new IllegalArgumentException("status('" + alias + "'): no step with that alias has finished; "
                    + "finished steps: " + (finished.isEmpty() ? "none" : String.join(", ", finished.keySet())));
        }
        return status.name();
    }
}
