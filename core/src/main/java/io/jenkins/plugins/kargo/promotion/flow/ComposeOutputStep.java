package io.jenkins.plugins.kargo.promotion.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kargo's {@code compose-output}: its (evaluated) configuration is its output, key by key. In a promotion task the
 * output also becomes the output of the task step ({@code outputs.<task alias>.<key>}), which is how a task hands
 * values to the steps after it.
 */
public final class ComposeOutputStep implements PromotionStepRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "compose-output";
    }

    @Override
    public StepResult run(StepContext context, JsonNode config) {
        Map<String, Object> output = new LinkedHashMap<>();
        config.fields().forEachRemaining(e -> output.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        return StepResult.succeeded(output, "composed " + String.join(", ", output.keySet()));
    }

    @Override
    public boolean propagatesOutputToTask() {
        return true;
    }
}
