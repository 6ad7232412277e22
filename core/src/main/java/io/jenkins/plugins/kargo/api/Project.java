package io.jenkins.plugins.kargo.api;

import java.util.List;

/**
 * A Kargo Project: the namespace its Warehouses and Stages live in.
 *
 * @param promotionPolicies the seed's {@code spec.promotionPolicies} (removed from Project in Kargo v1.7, where they
 *                          moved to {@link ProjectConfig}); read and merged with the ProjectConfig's
 */
public record Project(String name, List<PromotionPolicy> promotionPolicies, SourceLocation location)
        implements KargoResource {

    public Project {
        promotionPolicies = List.copyOf(promotionPolicies);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.PROJECT;
    }

    @Override
    public String project() {
        return name;
    }
}
