package io.jenkins.plugins.kargo.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated configuration: every resource of every project, looked up by project, kind and name, plus the
 * warnings found while loading (deprecated spellings, entries read differently than written). Immutable.
 * Obtain one from {@link ConfigLoader}.
 */
public final class KargoConfig {

    private final List<KargoResource> resources;
    private final Map<String, List<PromotionPolicy>> policies;
    private final Map<String, List<Stage>> stageOrder;
    private final List<ConfigProblem> warnings;

    KargoConfig(List<KargoResource> resources, Map<String, List<PromotionPolicy>> policies,
                Map<String, List<Stage>> stageOrder, List<ConfigProblem> warnings) {
        this.resources = List.copyOf(resources);
        this.policies = Map.copyOf(policies);
        this.stageOrder = Map.copyOf(stageOrder);
        this.warnings = List.copyOf(warnings);
    }

    /** Loads a directory (recursively) or a file with the default limits. */
    public static KargoConfig load(java.nio.file.Path path) throws ConfigException {
        return new ConfigLoader().load(path);
    }

    /** Every resource, in the order read (files sorted, documents in file order). */
    public List<KargoResource> resources() {
        return resources;
    }

    /** Warnings found while loading; each has a location and a fix. Never printed by the loader. */
    public List<ConfigProblem> warnings() {
        return warnings;
    }

    public List<Project> projects() {
        return ConfigValidator.of(resources, Project.class);
    }

    public Optional<Project> project(String name) {
        return projects().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ProjectConfig> projectConfig(String project) {
        return ofProject(ProjectConfig.class, project).stream().findFirst();
    }

    public List<Warehouse> warehouses(String project) {
        return ofProject(Warehouse.class, project);
    }

    public Optional<Warehouse> warehouse(String project, String name) {
        return named(warehouses(project), name);
    }

    /** The project's stages, upstream before downstream (a topological order of the stage graph). */
    public List<Stage> stages(String project) {
        return stageOrder.getOrDefault(project, List.of());
    }

    public Optional<Stage> stage(String project, String name) {
        return named(stages(project), name);
    }

    /** The stages that take freight from {@code stage} (through {@code sources.stages}). */
    public List<Stage> downstreamStages(Stage stage) {
        return stages(stage.project()).stream().filter(s -> s.upstreamStages().contains(stage.name())).toList();
    }

    /** The project's AnalysisTemplates followed by all ClusterAnalysisTemplates. */
    public List<AnalysisTemplate> analysisTemplates(String project) {
        return ConfigValidator.of(resources, AnalysisTemplate.class).stream()
                .filter(t -> t.project().equals(project) || t.kind() == ResourceKind.CLUSTER_ANALYSIS_TEMPLATE)
                .toList();
    }

    /** The template a stage's verification refers to (validated to exist when the stage is in this config). */
    public Optional<AnalysisTemplate> analysisTemplate(String project, Verification.TemplateReference reference) {
        String scope = reference.kind() == ResourceKind.CLUSTER_ANALYSIS_TEMPLATE ? "" : project;
        return find(scope, reference.kind(), reference.name()).map(AnalysisTemplate.class::cast);
    }

    /** The project's PromotionTasks followed by all ClusterPromotionTasks. */
    public List<PromotionTask> promotionTasks(String project) {
        return ConfigValidator.of(resources, PromotionTask.class).stream()
                .filter(t -> t.project().equals(project) || t.kind() == ResourceKind.CLUSTER_PROMOTION_TASK)
                .toList();
    }

    /** The task a {@code task:} step stands for (validated to exist when the step is in this config). */
    public Optional<PromotionTask> promotionTask(String project, PromotionStep.TaskReference reference) {
        String scope = reference.kind() == ResourceKind.CLUSTER_PROMOTION_TASK ? "" : project;
        return find(scope, reference.kind(), reference.name()).map(PromotionTask.class::cast);
    }

    /**
     * The project's Secrets ({@code ""}: those of the shared resources namespace). Only a configuration loaded from
     * the user's files holds them: the configuration store never keeps a Secret.
     */
    public List<Secret> secrets(String project) {
        return ofProject(Secret.class, project);
    }

    /** The project's ConfigMaps for expressions ({@code ""}: those of the shared resources namespace). */
    public List<ConfigMap> configMaps(String project) {
        return ofProject(ConfigMap.class, project);
    }

    public Optional<ConfigMap> configMap(String project, String name) {
        return named(configMaps(project), name);
    }

    public Optional<DashboardConfig> dashboard() {
        return ConfigValidator.of(resources, DashboardConfig.class).stream().findFirst();
    }

    /** Any resource by project ({@code ""} for cluster-wide ones), kind and name. */
    public Optional<KargoResource> find(String project, ResourceKind kind, String name) {
        return resources.stream()
                .filter(r -> r.kind() == kind && r.project().equals(project) && r.name().equals(name))
                .findFirst();
    }

    /** The project's promotion policies: its ProjectConfig's, then the seed's Project ones, merged. */
    public List<PromotionPolicy> promotionPolicies(String project) {
        return policies.getOrDefault(project, List.of());
    }

    /** The policy that governs a stage: the first that matches it, as in Kargo. */
    public Optional<PromotionPolicy> promotionPolicy(Stage stage) {
        return promotionPolicies(stage.project()).stream()
                .filter(p -> p.appliesTo(stage.name(), stage.labels()))
                .findFirst();
    }

    /** Whether freight is promoted into the stage automatically; off unless a policy turns it on. */
    public boolean autoPromotionEnabled(Stage stage) {
        return promotionPolicy(stage).map(PromotionPolicy::autoPromotionEnabled).orElse(false);
    }

    private <T extends KargoResource> List<T> ofProject(Class<T> type, String project) {
        return ConfigValidator.of(resources, type).stream().filter(r -> r.project().equals(project)).toList();
    }

    private static <T extends KargoResource> Optional<T> named(List<T> list, String name) {
        return list.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
