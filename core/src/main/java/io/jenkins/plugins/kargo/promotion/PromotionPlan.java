package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.PromotionTemplate;
import io.jenkins.plugins.kargo.api.Stage;
import java.util.ArrayList;
import java.util.List;

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

    public static PromotionPlan of(Stage stage) throws ConfigException {
        if (stage.promotionTemplate().isPresent()) {
            PromotionTemplate template = stage.promotionTemplate().get();
            if (template.steps().isEmpty()) {
                throw nothingToRun(stage, "its promotionTemplate has no steps");
            }
            List<ExpressionVariable> vars = new ArrayList<>(stage.vars());
            vars.addAll(template.vars());
            return new PromotionPlan(vars, template.steps());
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
