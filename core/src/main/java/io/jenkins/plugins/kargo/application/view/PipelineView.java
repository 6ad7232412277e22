package io.jenkins.plugins.kargo.application.view;

import java.time.Duration;
import java.util.List;

/**
 * A project as a graph: its warehouses and stages, and the edges Freight travels along ({@code requestedFreight}:
 * warehouse to stage, upstream stage to stage), with the dashboard's look (theme, refresh interval).
 */
public record PipelineView(String project, List<WarehouseCard> warehouses, List<StageCard> stages, List<Edge> edges,
                           String theme, Duration refreshInterval) {

    public PipelineView {
        warehouses = List.copyOf(warehouses);
        stages = List.copyOf(stages);
        edges = List.copyOf(edges);
    }

    /** Freight goes from {@code from} (a warehouse or a stage, by {@code Kind/name}) into stage {@code to}. */
    public record Edge(String from, String to) {
    }
}
