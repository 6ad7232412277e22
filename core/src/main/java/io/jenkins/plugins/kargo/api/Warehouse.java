package io.jenkins.plugins.kargo.api;

import java.time.Duration;
import java.util.List;

/**
 * A source of Freight: a set of subscriptions discovered together every {@code interval}.
 *
 * @param freightCreationPolicy {@code Automatic}: discovery makes Freight of the newest artifacts;
 *                              {@code Manual}: discovery only records what it found, and people make Freight of
 *                              chosen versions ({@code kargo create freight})
 * @param freightCreationCriteria Kargo's {@code freightCreationCriteria.expression}: automatic Freight is made only
 *                              when it holds over the newest artifacts; empty when not set
 */
public record Warehouse(String project, String name, Duration interval, List<Subscription> subscriptions,
                        FreightCreationPolicy freightCreationPolicy, String freightCreationCriteria,
                        SourceLocation location) implements KargoResource {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    public Warehouse {
        subscriptions = List.copyOf(subscriptions);
        freightCreationCriteria = freightCreationCriteria == null ? "" : freightCreationCriteria;
    }

    /** An automatic Warehouse without criteria. */
    public Warehouse(String project, String name, Duration interval, List<Subscription> subscriptions,
                     SourceLocation location) {
        this(project, name, interval, subscriptions, FreightCreationPolicy.Automatic, "", location);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.WAREHOUSE;
    }

    /** Kargo's {@code spec.freightCreationPolicy}. */
    public enum FreightCreationPolicy { Automatic, Manual }
}
