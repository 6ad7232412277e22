package io.jenkins.plugins.kargo.api;

import java.util.List;

/** A Project's settings (current Kargo): its auto-promotion policies. Named as its project, as Kargo requires. */
public record ProjectConfig(String project, String name, List<PromotionPolicy> promotionPolicies,
                            SourceLocation location) implements KargoResource {

    public ProjectConfig {
        promotionPolicies = List.copyOf(promotionPolicies);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.PROJECT_CONFIG;
    }
}
