package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.PromotionTask;
import io.jenkins.plugins.kargo.api.PromotionTemplate;
import io.jenkins.plugins.kargo.api.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a promotion into a stage runs: the stage's variables and its steps, from {@code promotionTemplate.spec} or,
 * for the seed's legacy form, from {@code promotionMechanisms} translated by {@link PromotionMechanismSteps}.
 *
 * @param vars the stage's {@code spec.vars}, then the template's {@code vars} (later ones may use earlier ones)
 */
public record PromotionPlan(List<ExpressionVariable> vars, List<PromotionStep> steps) {

    public PromotionPlan {
        vars = List.copyOf(vars);
        steps = List.copyOf(steps);
    }

    /** A stage that uses no promotion task. */
    public static PromotionPlan of(Stage stage) throws ConfigException {
        return of(stage, reference -> Optional.empty());
    }

    /**
     * The stage's plan, each {@code task:} step replaced by the task's steps (Kargo's {@code InflateSteps}): every
     * step gets its alias written out ({@code as}, else {@code step-N} or {@code task-N} by its place in the
     * template), and a task's steps are aliased {@code <task step's alias>::<their alias>}.
     *
     * @param tasks finds a promotion task of the stage's project (or a cluster one)
     */
    public static PromotionPlan of(Stage stage, Function<PromotionStep.TaskReference, Optional<PromotionTask>> tasks)
            throws ConfigException {
        if (stage.promotionTemplate().isPresent()) {
            PromotionTemplate template = stage.promotionTemplate().get();
            if (template.steps().isEmpty()) {
                throw nothingToRun(stage, "its promotionTemplate has no steps");
            }
            List<ExpressionVariable> vars = new ArrayList<>(stage.vars());
            vars.addAll(template.vars());
            List<PromotionStep> steps = new ArrayList<>();
            for (int i = 0; i < template.steps().size(); i++) {
                PromotionStep step = template.steps().get(i);
                if (step.task().isEmpty()) {
                    steps.add(step.inflated(step.as().isEmpty() ? "step-" + (i + 1) : step.as(), step.vars()));
                    continue;
                }
                PromotionStep.TaskReference reference = step.task().get();
                PromotionTask task = tasks.apply(reference).orElseThrow(() -> new ConfigException(List.of(
                        ConfigProblem.error(step.location(), "stage '" + stage.name() + "' uses " + reference
                                + ", which is not in the configuration", "apply the task with the project"))));
                try {
                    steps.addAll(task.inflate(step.as().isEmpty() ? "task-" + (i + 1) : step.as(), vars, step.vars()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(List.of(ConfigProblem.error(step.location(), e.getMessage(),
                            "give the input in the task step's vars")));
                }
            }
            return new PromotionPlan(vars, steps);
        }
        if (stage.promotionMechanisms().isPresent()) {
            return new PromotionPlan(stage.vars(), PromotionMechanismSteps.of(stage.promotionMechanisms().get()));
        }
        throw nothingToRun(stage, "it has neither promotionTemplate nor promotionMechanisms");
    }

    private static ConfigException nothingToRun(Stage stage, String why) {
        return new ConfigException(List.of(ConfigProblem.error(stage.location(),
                "stage '" + stage.name() + "' cannot be promoted into: " + why,
                "add spec.promotionTemplate.spec.steps, e.g. git-clone, kustomize-set-image, git-commit, git-push, "
                        + "argocd-update")));
    }
}
