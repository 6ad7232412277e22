package io.jenkins.plugins.kargo.freight;

import io.jenkins.plugins.kargo.api.FreightRequest;
import io.jenkins.plugins.kargo.api.FreightSources.AvailabilityStrategy;
import io.jenkins.plugins.kargo.api.Maturity;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.semver.SemverRange;
import io.jenkins.plugins.kargo.semver.SemverTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.semver4j.Semver;

/**
 * Kargo's {@code Stage.IsFreightAvailable} with reasons, plus the seed's acceptance filters.
 *
 * <p>For each {@code requestedFreight} entry of the Freight's origin, in this order:
 * <ol>
 *   <li>Acceptance: every versioned artifact (image tag, chart version, package version, commit tag) must pass the
 *   entry's {@code maturity}, {@code excludePreReleases} and {@code semverConstraint}. These say what the stage
 *   takes at all, so an approval does not override them.</li>
 *   <li>{@code approvedFor} this stage (Kargo's hotfix path) overrides verification and soak.</li>
 *   <li>{@code sources.direct}: every Freight of the Warehouse is available.</li>
 *   <li>{@code sources.stages}: verified in, and soaked for {@code requiredSoakTime} in, one of them
 *   ({@code OneOf}, the default) or all of them ({@code All}); the soak is the Freight's longest stay in the
 *   upstream stage ({@link FreightStatus#longestSoak}).</li>
 * </ol>
 * A commit without a tag has no version and passes the acceptance filters.
 */
public final class FreightAvailability {

    private FreightAvailability() {
    }

    public static Availability of(Stage stage, Freight freight, FreightStatus status, Instant now) {
        List<FreightRequest> requests = stage.requestedFreight().stream()
                .filter(r -> r.origin().equals(freight.origin())).toList();
        if (requests.isEmpty()) {
            return Availability.no("not requested: " + stage.name() + " requests no Freight from origin "
                    + freight.origin() + " (it requests " + stage.requestedFreight().stream()
                    .map(r -> r.origin().toString()).collect(Collectors.joining(", ")) + ")");
        }
        Availability first = null;
        for (FreightRequest request : requests) {
            Availability availability = of(stage.name(), request, freight, status, now);
            if (availability.available()) {
                return availability;
            }
            first = first == null ? availability : first;
        }
        return first;
    }

    private static Availability of(String stage, FreightRequest request, Freight freight, FreightStatus status,
                                   Instant now) {
        Optional<String> refused = refusal(stage, request, freight);
        if (refused.isPresent()) {
            return Availability.no(refused.get());
        }
        FreightStatus.ApprovedFor approval = status.approvedFor().get(stage);
        if (approval != null) {
            return Availability.yes("approved for " + stage + " by " + approval.approvedBy() + " at " + approval.approvedAt());
        }
        if (request.sources().direct()) {
            return Availability.yes("direct from " + freight.origin());
        }
        List<String> upstream = request.sources().stages();
        if (upstream.isEmpty()) {
            return Availability.no(stage + " takes Freight from " + freight.origin() + " from no source; approve it with "
                    + "`kargo approve --stage " + stage + "`");
        }
        Duration soak = request.sources().requiredSoakTime();
        List<String> missing = new ArrayList<>();
        List<String> met = new ArrayList<>();
        for (String up : upstream) {
            upstreamShortfall(up, soak, status, now).ifPresentOrElse(missing::add, () -> met.add(up));
        }
        boolean all = request.sources().availabilityStrategy() == AvailabilityStrategy.All;
        if (all ? missing.isEmpty() : !met.isEmpty()) {
            return Availability.yes("verified in " + String.join(" and ", all ? upstream : met.subList(0, 1))
                    + (soak.isZero() ? "" : " and soaked for " + minutes(soak)));
        }
        return Availability.no(String.join(all ? "; " : ", and ", missing));
    }

    /** Why the Freight has not yet passed {@code upstream}, or empty when it has. */
    private static Optional<String> upstreamShortfall(String upstream, Duration required, FreightStatus status, Instant now) {
        if (!status.isVerifiedIn(upstream)) {
            return Optional.of("not verified in " + upstream);
        }
        Duration left = required.minus(status.longestSoak(upstream, now));
        if (!left.isNegative() && !left.isZero()) {
            return Optional.of("soaking in " + upstream + " for " + minutes(left) + " more");
        }
        return Optional.empty();
    }

    /** The seed's filters: why one of the Freight's versions is not one the stage takes, or empty. */
    private static Optional<String> refusal(String stage, FreightRequest request, Freight freight) {
        Set<Maturity> maturity = request.maturity();
        SemverRange range = request.semverConstraint().isEmpty() ? null : SemverRange.parse(request.semverConstraint());
        if (maturity.isEmpty() && range == null && !request.excludePreReleases()) {
            return Optional.empty();
        }
        for (Versioned artifact : versioned(freight).toList()) {
            Optional<Semver> semver = SemverTags.parse(artifact.version(), false);
            if (semver.isEmpty()) {
                return Optional.of("version " + artifact + " is not a semantic version, so " + stage
                        + (maturity.isEmpty() ? "'s semverConstraint '" + request.semverConstraint() + "' cannot admit it"
                        : " cannot tell its maturity (it accepts " + names(maturity) + " only)"));
            }
            Maturity found = Maturity.of(semver.get());
            if (!maturity.isEmpty() && !maturity.contains(found)) {
                return Optional.of((found == Maturity.STABLE ? "stable " : "pre-release ") + artifact + " ("
                        + found.yamlName() + ") refused: " + stage + " accepts " + names(maturity) + " only");
            }
            if (request.excludePreReleases() && found != Maturity.STABLE) {
                return Optional.of("pre-release " + artifact + " refused: " + stage + " excludes pre-releases");
            }
            if (range != null && !range.admits(semver.get())) {
                return Optional.of("version " + artifact + " refused: outside " + stage + "'s semverConstraint '"
                        + range.expression() + "'");
            }
        }
        return Optional.empty();
    }

    /** A version in a Freight and what it is the version of. */
    private record Versioned(String version, String of) {
        @Override
        public String toString() {
            return version + " of " + of;
        }
    }

    private static Stream<Versioned> versioned(Freight freight) {
        return Stream.of(
                freight.images().stream().filter(i -> i.tag() != null && !i.tag().isEmpty())
                        .map(i -> new Versioned(i.tag(), i.repoURL())),
                freight.charts().stream().map(c -> new Versioned(c.version(), c.name().isEmpty() ? c.repoURL() : c.name())),
                freight.artifacts().stream().map(a -> new Versioned(a.version(), a.metadata().getOrDefault("package", a.subscriptionName()))),
                freight.commits().stream().filter(c -> !c.tag().isEmpty()).map(c -> new Versioned(c.tag(), c.repoURL())))
                .flatMap(s -> s);
    }

    private static String names(Set<Maturity> maturity) {
        return Stream.of(Maturity.values()).filter(maturity::contains).map(Maturity::yamlName)
                .collect(Collectors.joining(" and "));
    }

    /** A duration as a person reads it: whole minutes, rounded up, or seconds under a minute. */
    static String minutes(Duration d) {
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            long s = Math.max(1, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = d.toMinutes() + (d.minusMinutes(d.toMinutes()).isZero() ? 0 : 1);
        return m + (m == 1 ? " minute" : " minutes");
    }
}
