package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.expr.Functions;
import java.util.Map;

/**
 * The functions of Kargo's promotion expressions that see the steps finished so far: {@code success()},
 * {@code failure()}, {@code always()} and {@code status(alias)}, besides the {@link FreightFunctions} of the Freight
 * being promoted.
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

    @Override
    public Functions functions() {
        return super.functions().with(Functions.builder()
                .add("success", 0, a -> !failures)
                .add("failure", 0, a -> failures)
                .add("always", 0, a -> true)
                .add("status", 1, a -> {
                    StepStatus status = finished.get(a.string(0));
                    if (status == null) {
                        throw new IllegalArgumentException("status('" + a.string(0) + "'): no step with that alias"
                                + " has finished; finished steps: " + (finished.isEmpty() ? "none"
                                : String.join(", ", finished.keySet())));
                    }
                    return status.name();
                })
                .build());
    }
}
