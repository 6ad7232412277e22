package io.jenkins.plugins.kargo.api;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of resource a configuration may hold, with the {@code apiVersion} each is written with. */
public enum ResourceKind {
    PROJECT("kargo.akuity.io/v1alpha1", "Project"),
    PROJECT_CONFIG("kargo.akuity.io/v1alpha1", "ProjectConfig"),
    WAREHOUSE("kargo.akuity.io/v1alpha1", "Warehouse"),
    STAGE("kargo.akuity.io/v1alpha1", "Stage"),
    ANALYSIS_TEMPLATE("argoproj.io/v1alpha1", "AnalysisTemplate"),
    CLUSTER_ANALYSIS_TEMPLATE("argoproj.io/v1alpha1", "ClusterAnalysisTemplate"),
    PROMOTION_TASK("kargo.akuity.io/v1alpha1", "PromotionTask"),
    CLUSTER_PROMOTION_TASK("kargo.akuity.io/v1alpha1", "ClusterPromotionTask"),
    /** The dashboard's ConfigMap (holding {@code data."config.yaml"}), or a ConfigMap that expressions read. */
    CONFIG_MAP("v1", "ConfigMap"),
    /** A Kargo credential Secret, or a Secret that expressions and analysis arguments read. */
    SECRET("v1", "Secret");

    private final String apiVersion;
    private final String kind;

    ResourceKind(String apiVersion, String kind) {
        this.apiVersion = apiVersion;
        this.kind = kind;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The {@code kind:} as written in YAML. */
    public String kind() {
        return kind;
    }

    public static Optional<ResourceKind> ofKind(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }

    @Override
    public String toString() {
        return kind;
    }
}
