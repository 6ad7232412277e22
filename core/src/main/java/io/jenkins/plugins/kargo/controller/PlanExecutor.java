package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.PromotionTemplate;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.promotion.PromotionRun;
import io.jenkins.plugins.kargo.promotion.PromotionRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.state.StepLogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Runs a stage's promotion steps with the {@link PromotionRunner}. */
final class PlanExecutor implements PromotionExecutor {

    private final PromotionRunner runner;

    PlanExecutor(PromotionRunner runner) {
        this.runner = runner;
    }

    @Override
    public Outcome run(Stage stage, StepContext context, BooleanSupplier aborted, Consumer<StepLogEntry> onStep)
            throws ConfigException {
        PromotionTemplate template = stage.promotionTemplate().orElseThrow(() -> new ConfigException(List.of(
                ConfigProblem.error(stage.location(), "stage '" + stage.name() + "' has no promotionTemplate steps",
                        "add spec.promotionTemplate.spec.steps"))));
        List<ExpressionVariable> vars = new ArrayList<>(stage.vars());
        vars.addAll(template.vars());
        PromotionRun run = runner.run(vars, template.steps(), context, aborted, record -> onStep.accept(new StepLogEntry(
                record.alias(), record.uses(), record.status().name(), record.message(), record.started(), record.finished())));
        return new Outcome(run.phase(), run.message());
    }
}
