package io.jenkins.plugins.kargo.verification;

import io.jenkins.plugins.kargo.api.MetricProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The installed {@link MeasurementProvider}s, one per kind of {@link MetricProvider} (web, prometheus, job ...). */
public final class MeasurementProviders {

    private final Map<Class<? extends MetricProvider>, MeasurementProvider<?>> byKind;

    private MeasurementProviders(Map<Class<? extends MetricProvider>, MeasurementProvider<?>> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    public static MeasurementProviders none() {
        return new MeasurementProviders(Map.of());
    }

    /** These providers plus {@code provider} for metrics of {@code kind} (replacing one already there). */
    public <P extends MetricProvider> MeasurementProviders with(Class<P> kind, MeasurementProvider<? super P> provider) {
        Map<Class<? extends MetricProvider>, MeasurementProvider<?>> more = new HashMap<>(byKind);
        more.put(kind, provider);
        return new MeasurementProviders(more);
    }

    /** The provider for this metric's kind, typed for it; empty when none is installed. */
    @SuppressWarnings("unchecked") // with() keys each provider by a kind it accepts
    public <P extends MetricProvider> Optional<MeasurementProvider<P>> forKind(P metricProvider) {
        return Optional.ofNullable((MeasurementProvider<P>) byKind.get(metricProvider.getClass()));
    }
}
