package io.jenkins.plugins.kargo.api;

/** A resource of the configuration: its kind, the project it belongs to, its name and where it was written. */
public sealed interface KargoResource
        permits Project, ProjectConfig, Warehouse, Stage, AnalysisTemplate, DashboardConfig, PromotionTask, Secret,
        ConfigMap {

    ResourceKind kind();

    /** The project ({@code metadata.namespace}); empty for cluster-wide resources (ClusterAnalysisTemplate, ConfigMap). */
    String project();

    String name();

    SourceLocation location();
}
