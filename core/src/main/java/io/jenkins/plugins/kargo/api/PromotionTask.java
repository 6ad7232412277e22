package io.jenkins.plugins.kargo.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kargo's {@code PromotionTask} (in a project) or {@code ClusterPromotionTask} (project empty): steps shared by the
 * promotion templates that name it in a {@code task:} step.
 *
 * @param vars the task's inputs; one with an empty value has no default and must be given where the task is used
 */
public record PromotionTask(ResourceKind kind, String project, String name, List<ExpressionVariable> vars,
                            List<PromotionStep> steps, SourceLocation location) implements KargoResource {

    /** Between a task step's alias and the alias of each of the task's steps ({@code update::clone}), as in Kargo. */
    public static final String ALIAS_SEPARATOR = "::";

    public PromotionTask {
        if (kind != ResourceKind.PROMOTION_TASK && kind != ResourceKind.CLUSTER_PROMOTION_TASK) {
            throw new IllegalArgumentException("not a promotion task kind: " + kind);
        }
        vars = List.copyOf(vars);
        steps = List.copyOf(steps);
    }

    /**
     * The steps that take the place of a task step: each keeps its own settings, its alias becomes
     * {@code <taskAlias>::<its alias or step-N>}, and its variables are the task's inputs followed by its own (Kargo's
     * {@code inflateTaskSteps}).
     *
     * @param promotionVars the promotion's variables (the stage's and the template's), which may set the inputs
     * @param taskStepVars  the task step's {@code vars}, which set (or override) the inputs
     * @throws IllegalArgumentException naming the inputs that have no value
     */
    public List<PromotionStep> inflate(String taskAlias, List<ExpressionVariable> promotionVars,
                                       List<ExpressionVariable> taskStepVars) {
        List<String> missing = missingInputs(promotionVars, taskStepVars);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(kind + " '" + name + "' (task step '" + taskAlias
                    + "'): no value for input " + String.join(", ", missing));
        }
        List<ExpressionVariable> inputs = new ArrayList<>();
        Set<String> setByPromotion = given(promotionVars);
        vars.stream().filter(v -> !v.value().isEmpty() && !setByPromotion.contains(v.name())).forEach(inputs::add);
        inputs.addAll(taskStepVars);
        List<PromotionStep> inflated = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PromotionStep step = steps.get(i);
            List<ExpressionVariable> stepVars = new ArrayList<>(inputs);
            stepVars.addAll(step.vars());
            String alias = step.as().isEmpty() ? "step-" + (i + 1) : step.as();
            inflated.add(step.inflated(taskAlias + ALIAS_SEPARATOR + alias, stepVars));
        }
        return inflated;
    }

    /** The inputs without a default that neither the promotion's variables nor the task step's give a value. */
    public List<String> missingInputs(List<ExpressionVariable> promotionVars, List<ExpressionVariable> taskStepVars) {
        Set<String> given = given(promotionVars);
        given.addAll(given(taskStepVars));
        return vars.stream().filter(v -> v.value().isEmpty() && !given.contains(v.name()))
                .map(ExpressionVariable::name).toList();
    }

    private static Set<String> given(List<ExpressionVariable> vars) {
        Set<String> names = new HashSet<>();
        vars.stream().filter(v -> !v.value().isEmpty()).forEach(v -> names.add(v.name()));
        return names;
    }
}
