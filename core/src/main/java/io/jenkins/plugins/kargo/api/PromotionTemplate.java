package io.jenkins.plugins.kargo.api;

import java.util.List;

/** Kargo's {@code promotionTemplate.spec}: variables and the steps every promotion into the stage runs, in order. */
public record PromotionTemplate(List<ExpressionVariable> vars, List<PromotionStep> steps) {

    public PromotionTemplate {
        vars = List.copyOf(vars);
        steps = List.copyOf(steps);
    }
}
