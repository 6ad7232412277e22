package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a promotion, as Kargo writes it: a built-in step ({@code uses}) or a reference to a promotion task
 * ({@code task}), whose steps take its place when the promotion runs.
 *
 * @param uses            the step's kind ({@code git-clone}, {@code kustomize-set-image}, ...); empty for a task step
 * @param task            the {@code PromotionTask} or {@code ClusterPromotionTask} this step stands for, if any
 * @param as              its alias for {@code outputs.<alias>}; empty if not set (the runner names it {@code step-N},
 *                        or {@code task-N} for a task step, as Kargo does)
 * @param ifExpression    Kargo's {@code if}; empty if not set
 * @param config          the step's configuration, uninterpreted here (each step reads its own), with {@code ${{ }}}
 * @param retry           Kargo's {@code retry}, if set
 */
public record PromotionStep(String uses, Optional<TaskReference> task, String as, String ifExpression,
                            boolean continueOnError, Optional<Retry> retry, List<ExpressionVariable> vars,
                            JsonNode config, SourceLocation location) {

    public PromotionStep {
        uses = uses == null ? "" : uses;
        as = as == null ? "" : as;
        ifExpression = ifExpression == null ? "" : ifExpression;
        vars = List.copyOf(vars);
        config = config.deepCopy();
    }

    /** A built-in step. */
    public PromotionStep(String uses, String as, String ifExpression, boolean continueOnError, Optional<Retry> retry,
                         List<ExpressionVariable> vars, JsonNode config, SourceLocation location) {
        this(uses, Optional.empty(), as, ifExpression, continueOnError, retry, vars, config, location);
    }

    @Override
    public JsonNode config() {
        return config.deepCopy();
    }

    /** This step with another alias and variables (how a task's steps are placed into a promotion). */
    public PromotionStep inflated(String alias, List<ExpressionVariable> variables) {
        return new PromotionStep(uses, task, alias, ifExpression, continueOnError, retry, variables, config, location);
    }

    /**
     * @param timeout        how long the step may keep failing before the promotion fails; empty for no limit
     * @param errorThreshold consecutive errors tolerated; 0 means Kargo's default (1)
     */
    public record Retry(Optional<Duration> timeout, int errorThreshold) {
    }

    /** {@code task{name, kind}}: which promotion task a step stands for. */
    public record TaskReference(String name, ResourceKind kind) {
        public TaskReference {
            if (kind != ResourceKind.PROMOTION_TASK && kind != ResourceKind.CLUSTER_PROMOTION_TASK) {
                throw new IllegalArgumentException("not a promotion task kind: " + kind);
            }
        }

        @Override
        public String toString() {
            return kind + " '" + name + "'";
        }
    }
}
