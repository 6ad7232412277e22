package io.jenkins.plugins.kargo.api;

import java.util.Set;

/**
 * One entry of a Stage's {@code requestedFreight}: freight of one origin, from where, and which of it is acceptable.
 *
 * @param semverConstraint   the seed's per-entry range on the freight's versions (empty: any); not a Kargo field
 * @param excludePreReleases the seed's flag refusing pre-release versions; not a Kargo field
 * @param maturity           accepted maturities ({@code maturity: [beta, stable]}); empty means any
 */
public record FreightRequest(FreightOrigin origin, FreightSources sources, String semverConstraint,
                             boolean excludePreReleases, Set<Maturity> maturity, SourceLocation location) {

    public FreightRequest {
        semverConstraint = semverConstraint == null ? "" : semverConstraint;
        maturity = Set.copyOf(maturity);
    }
}
