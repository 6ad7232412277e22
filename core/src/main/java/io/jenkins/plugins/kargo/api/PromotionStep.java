package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a promotion, as Kargo writes it.
 *
 * @param uses            the step's kind ({@code git-clone}, {@code kustomize-set-image}, ...)
 * @param as              its alias for {@code outputs.<alias>}; empty if not set (the runner names it {@code step-N})
 * @param ifExpression    Kargo's {@code if}; empty if not set
 * @param config          the step's configuration, uninterpreted here (each step reads its own), with {@code ${{ }}}
 * @param retry           Kargo's {@code retry}, if set
 */
public record PromotionStep(String uses, String as, String ifExpression, boolean continueOnError,
                            Optional<Retry> retry, List<ExpressionVariable> vars, JsonNode config,
                            SourceLocation location) {

    public PromotionStep {
        as = as == null ? "" : as;
        ifExpression = ifExpression == null ? "" : ifExpression;
        vars = List.copyOf(vars);
        config = config.deepCopy();
    }

    @Override
    public JsonNode config() {
        return config.deepCopy();
    }

    /**
     * @param timeout        how long the step may keep failing before the promotion fails; empty for no limit
     * @param errorThreshold consecutive errors tolerated; 0 means Kargo's default (1)
     */
    public record Retry(Optional<Duration> timeout, int errorThreshold) {
    }
}
