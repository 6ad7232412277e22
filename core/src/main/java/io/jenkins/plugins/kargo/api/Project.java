package io.jenkins.plugins.kargo.api;

import java.util.List;

/**
 * A Kargo Project: the namespace its Warehouses and Stages live in.
 *
 * @param promotionPolicies the seed's {@code spec.promotionPolicies} (removed from Project in Kargo v1.7, where they
 *                          moved to {@link ProjectConfig}); read and merged with the ProjectConfig's
 * @param revokeVerifiedOnFailure whether a failed verification takes back the Freight's {@code verifiedIn} for the
 *                          stage (this product's default, so it stops flowing on); {@code false} (the annotation
 *                          {@value #REVOKE_VERIFIED_ANNOTATION}: "false") keeps it, as Kargo does
 */
public record Project(String name, List<PromotionPolicy> promotionPolicies, boolean revokeVerifiedOnFailure,
                      SourceLocation location) implements KargoResource {

    /** The Project annotation that switches {@link #revokeVerifiedOnFailure()}. */
    public static final String REVOKE_VERIFIED_ANNOTATION = "kargo.jenkins.io/revoke-verified-on-failure";

    public Project {
        promotionPolicies = List.copyOf(promotionPolicies);
    }

    public Project(String name, List<PromotionPolicy> promotionPolicies, SourceLocation location) {
        this(name, promotionPolicies, true, location);
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
