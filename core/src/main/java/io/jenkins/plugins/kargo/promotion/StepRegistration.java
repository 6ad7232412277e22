package io.jenkins.plugins.kargo.promotion;

import java.util.Set;
import java.util.function.Function;

/**
 * A kind of step the engine knows, as Kargo's step registry has them: its {@code uses:} name, what it needs from the
 * engine to run (Kargo's capabilities, such as {@code access-argocd}), and how it is made from that. A step is made
 * the first time a promotion uses it, so a promotion that syncs no Argo CD application never makes a Kubernetes
 * client.
 */
public record StepRegistration(String name, Set<Need> needs, Function<StepServices, PromotionStepRunner> factory) {

    /** What a step may need from the engine. */
    public enum Need {
        /** The engine's Kubernetes client ({@code argocd-update}). */
        KUBERNETES
    }

    public StepRegistration {
        needs = Set.copyOf(needs);
    }

    /** A step that needs nothing from the engine, made already. */
    public static StepRegistration of(PromotionStepRunner step) {
        return new StepRegistration(step.name(), Set.of(), services -> step);
    }

    /** A step made, on first use, from what it needs. */
    public static StepRegistration needing(String name, Need need, Function<StepServices, PromotionStepRunner> factory) {
        return new StepRegistration(name, Set.of(need), factory);
    }
}
