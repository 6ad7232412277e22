package io.jenkins.plugins.kargo.promotion;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of promotion step ({@code uses: git-clone}, {@code kustomize-set-image}, ...). Implementations are
 * stateless; each reads its own {@code config}, whose {@code ${{ }}} expressions the runner has already evaluated.
 * A step that finds its configuration invalid returns {@link StepStatus#Errored} with a message naming the field.
 */
public interface PromotionStepRunner {

    /** The {@code uses:} name. */
    String name();

    StepResult run(StepContext context, JsonNode config) throws InterruptedException;

    /**
     * Whether the step's output also becomes the output of the task step its promotion task was placed by (Kargo's
     * {@code task-output-propagation} capability, which {@code compose-output} has): {@code outputs.<task alias>}.
     */
    default boolean propagatesOutputToTask() {
        return false;
    }
}
