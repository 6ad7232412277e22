package io.jenkins.plugins.kargo.promotion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The promotion steps a runner knows, by their {@code uses:} name. Immutable; the lifecycle builds one with every
 * step it wires ({@code StepRegistry.of(new GitCloneStep(...), new HttpStep(), ...)}).
 */
public final class StepRegistry {

    private final Map<String, PromotionStepRunner> steps;

    private StepRegistry(Map<String, PromotionStepRunner> steps) {
        this.steps = steps;
    }

    public static StepRegistry of(PromotionStepRunner... steps) {
        return of(List.of(steps));
    }

    /** @throws IllegalArgumentException if two steps have the same name */
    public static StepRegistry of(Collection<? extends PromotionStepRunner> steps) {
        Map<String, PromotionStepRunner> byName = new TreeMap<>();
        for (PromotionStepRunner step : steps) {
            PromotionStepRunner clash = byName.put(step.name(), step);
            if (clash != null) {
                throw new IllegalArgumentException("two promotion steps are named '" + step.name() + "': "
                        + clash.getClass().getName() + " and " + step.getClass().getName());
            }
        }
        return new StepRegistry(Collections.unmodifiableMap(byName));
    }

    /** This registry with more steps; a name already present is refused. */
    public StepRegistry with(PromotionStepRunner... more) {
        List<PromotionStepRunner> all = new ArrayList<>(steps.values());
        all.addAll(List.of(more));
        return of(all);
    }

    public Optional<PromotionStepRunner> find(String name) {
        return Optional.ofNullable(steps.get(name));
    }

    /** The known names, sorted. */
    public List<String> names() {
        return List.copyOf(steps.keySet());
    }
}
