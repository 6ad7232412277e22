package io.jenkins.plugins.kargo.promotion.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;

/**
 * Kargo's {@code fail} ({@code failer.go}): Fails the promotion, with {@code message} when given; usually guarded by
 * an {@code if} (a check that must hold before anything is pushed).
 */
public final class FailStep implements PromotionStepRunner {

    public static final String NAME = "fail";

    /** The step's {@code config}. */
    record Config(String message) {
        Config {
            StepConfig.require(message == null || !message.isEmpty(), "message", "is empty",
                    "give the reason or leave message out");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) {
        try {
            Config config = StepConfig.bind(NAME, rawConfig, Config.class);
            return StepResult.failed(config.message() == null ? "failed" : "failed: " + config.message());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        }
    }
}
