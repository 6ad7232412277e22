package io.jenkins.plugins.kargo.application.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Freight with its versions and where it is: the stages it is in, was verified in and approved for, and per stage
 * whether it may go there now.
 *
 * @param origin       Kargo's {@code Kind/name}, e.g. {@code Warehouse/services}
 * @param versions     the distinct versions it carries, as one text ({@code 1.4.0}, or {@code 1.4.0,2.0.1})
 * @param maturity     the least mature of its artifacts' maturities ({@code alpha}, {@code beta}, {@code stable});
 *                     empty when none of its versions is a semantic version
 * @param approvedFor  the stages a person approved it for (Kargo's manual approval), with who did
 * @param availability per stage of the project (in the configuration's order), whether it may be promoted there
 */
public record FreightCard(String project, String name, String alias, String origin, String warehouse,
                          Instant createdAt, List<Artifact> artifacts, String versions, Optional<String> maturity,
                          List<String> currentlyIn,
                          List<String> verifiedIn, Map<String, String> approvedFor,
                          List<StageAvailability> availability) {

    public FreightCard {
        artifacts = List.copyOf(artifacts);
        currentlyIn = List.copyOf(currentlyIn);
        verifiedIn = List.copyOf(verifiedIn);
        approvedFor = Map.copyOf(approvedFor);
        availability = List.copyOf(availability);
    }

    public FreightRef ref() {
        return new FreightRef(name, alias);
    }

    /**
     * One artifact: {@code image}, {@code chart}, {@code git} or a generic kind such as {@code npm}.
     *
     * @param digest   an image's digest, a commit's ID; empty for the others
     * @param maturity {@code alpha}, {@code beta} or {@code stable} by its version's pre-release (as a stage's
     *                 {@code maturity} filter reads it); empty when the version is not a semantic version
     */
    public record Artifact(String kind, String repository, String version, String digest, Optional<String> maturity) {
    }
}
