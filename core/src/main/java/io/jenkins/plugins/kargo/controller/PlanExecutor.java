package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.promotion.PromotionPlan;
import io.jenkins.plugins.kargo.promotion.PromotionRun;
import io.jenkins.plugins.kargo.promotion.PromotionRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.state.StepLogEntry;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a stage's promotion plan ({@code promotionTemplate} steps, or {@code promotionMechanisms} translated into
 * steps) with the {@link PromotionRunner}.
 */
final class PlanExecutor implements PromotionExecutor {

    private final PromotionRunner runner;

    PlanExecutor(PromotionRunner runner) {
        this.runner = runner;
    }

    @Override
    public Outcome run(PromotionPlan plan, StepContext context, BooleanSupplier aborted, Consumer<StepLogEntry> onStep) {
        PromotionRun run = runner.run(plan.vars(), plan.steps(), context, aborted, record -> onStep.accept(new StepLogEntry(
                record.alias(), record.uses(), record.status().name(), record.message(), record.started(), record.finished())));
        return new Outcome(run.phase(), run.message());
    }
}
