package io.jenkins.plugins.kargo.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The promotion steps a runner knows, by their {@code uses:} name ({@link StepRegistration}s). A step is made the
 * first time it is found, from the {@link StepServices} it declared it needs, and kept; a step whose making failed
 * (no kubeconfig) is Errored with the reason and made again next time. Tests build one from ready steps
 * ({@code StepRegistry.of(new RecordStep())}).
 */
public final class StepRegistry {

    private static final StepServices NO_SERVICES = () -> {
        throw new IllegalStateException("no Kubernetes client was given to the step registry");
    };

    private final Map<String, StepRegistration> registrations;
    private final StepServices services;
    private final Map<String, PromotionStepRunner> made = new ConcurrentHashMap<>();

    private StepRegistry(Map<String, StepRegistration> registrations, StepServices services) {
        this.registrations = registrations;
        this.services = services;
    }

    public static StepRegistry of(PromotionStepRunner... steps) {
        return of(List.of(steps));
    }

    /** @throws IllegalArgumentException if two steps have the same name */
    public static StepRegistry of(Collection<? extends PromotionStepRunner> steps) {
        return of(steps.stream().map(StepRegistration::of).toList(), NO_SERVICES);
    }

    /**
     * @param services what the engine offers; each step sees only what its registration declares it needs
     * @throws IllegalArgumentException if two registrations have the same name
     */
    public static StepRegistry of(List<StepRegistration> steps, StepServices services) {
        Map<String, StepRegistration> byName = new TreeMap<>();
        for (StepRegistration step : steps) {
            if (byName.put(step.name(), step) != null) {
                throw new IllegalArgumentException("two promotion steps are named '" + step.name() + "'");
            }
        }
        return new StepRegistry(Collections.unmodifiableMap(byName), services);
    }

    /** This registry with more steps; a name already present is refused. */
    public StepRegistry with(PromotionStepRunner... more) {
        List<StepRegistration> all = new ArrayList<>(registrations.values());
        List.of(more).forEach(step -> all.add(StepRegistration.of(step)));
        return of(all, services);
    }

    /** Whether a step of that name is registered; makes nothing. */
    public boolean knows(String name) {
        return registrations.containsKey(name);
    }

    /** The step, made on first use. */
    public Optional<PromotionStepRunner> find(String name) {
        StepRegistration registration = registrations.get(name);
        if (registration == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(made.computeIfAbsent(name, n -> registration.factory().apply(declared(registration))));
        } catch (RuntimeException e) {
            return Optional.of(new Unavailable(name, e));
        }
    }

    /** The known names, sorted. */
    public List<String> names() {
        return List.copyOf(registrations.keySet());
    }

    /** The services, limited to what the registration declared it needs. */
    private StepServices declared(StepRegistration registration) {
        return new StepServices() {
            @Override
            public KubernetesClient kubernetes() {
                if (!registration.needs().contains(StepRegistration.Need.KUBERNETES)) {
                    throw new IllegalStateException("step " + registration.name()
                            + " uses a Kubernetes client without declaring the need");
                }
                return services.kubernetes();
            }
        };
    }

    /** A step that could not be made: every run is Errored with the reason. */
    private record Unavailable(String name, RuntimeException failure) implements PromotionStepRunner {
        @Override
        public StepResult run(StepContext context, JsonNode config) {
            return StepResult.errored(name + ": cannot run: " + failure.getMessage());
        }
    }
}
