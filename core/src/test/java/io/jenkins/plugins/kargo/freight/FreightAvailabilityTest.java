package io.jenkins.plugins.kargo.freight;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.api.FreightRequest;
import io.jenkins.plugins.kargo.api.FreightSources;
import io.jenkins.plugins.kargo.api.FreightSources.AutoPromotionSelectionPolicy;
import io.jenkins.plugins.kargo.api.FreightSources.AvailabilityStrategy;
import io.jenkins.plugins.kargo.api.Maturity;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.api.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreightAvailabilityTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final FreightOrigin SERVICES = FreightOrigin.warehouse("services-warehouse");

    @Test
    void directSourceMakesEveryFreightOfItsWarehouseAvailable() {
        Availability a = FreightAvailability.of(stage("dev", request(direct())), freight("v1.2.3-alpha.1"), FreightStatus.NONE, NOW);
        assertThat(a.available()).isTrue();
        assertThat(a.reason()).isEqualTo("direct from Warehouse/services-warehouse");
    }

    @Test
    void freightOfAnotherOriginIsNotRequested() {
        Freight npm = new Freight("f1", "a", FreightOrigin.warehouse("packages-warehouse"), NOW, List.of(), List.of(), List.of(), List.of());
        Availability a = FreightAvailability.of(stage("dev", request(direct())), npm, FreightStatus.NONE, NOW);
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).startsWith("not requested: dev requests no Freight from origin Warehouse/packages-warehouse")
                .endsWith("(it requests Warehouse/services-warehouse)");
    }

    @Test
    void upstreamFreightMustBeVerifiedThere() {
        Stage staging = stage("staging", request(upstream(AvailabilityStrategy.OneOf, Duration.ZERO, "dev")));
        Freight f = freight("v1.2.3");
        assertThat(FreightAvailability.of(staging, f, FreightStatus.NONE, NOW))
                .isEqualTo(new Availability(false, "not verified in dev"));
        assertThat(FreightAvailability.of(staging, f, verified("dev", NOW.minusSeconds(5), null), NOW))
                .isEqualTo(new Availability(true, "verified in dev"));
    }

    @Test
    void soakIsMeasuredFromWhenTheFreightEnteredTheUpstreamStage() {
        Stage uat = stage("uat", request(upstream(AvailabilityStrategy.OneOf, Duration.ofMinutes(30), "staging")));
        Freight f = freight("v1.2.3");
        FreightStatus inSinceEighteenMinutes = verified("staging", NOW.minusSeconds(60), NOW.minus(Duration.ofMinutes(18)));
        assertThat(FreightAvailability.of(uat, f, inSinceEighteenMinutes, NOW))
                .isEqualTo(new Availability(false, "soaking in staging for 12 minutes more"));
        assertThat(FreightAvailability.of(uat, f, inSinceEighteenMinutes, NOW.plus(Duration.ofMinutes(12))))
                .isEqualTo(new Availability(true, "verified in staging and soaked for 30 minutes"));
        FreightStatus almost = verified("staging", NOW, NOW.minus(Duration.ofMinutes(30)).plusSeconds(20));
        assertThat(FreightAvailability.of(uat, f, almost, NOW).reason()).isEqualTo("soaking in staging for 20 seconds more");
    }

    @Test
    void aCompletedSoakLongerThanTheCurrentStayCounts() {
        Stage uat = stage("uat", request(upstream(AvailabilityStrategy.OneOf, Duration.ofHours(1), "staging")));
        FreightStatus left = new FreightStatus(
                Map.of("staging", new FreightStatus.VerifiedIn(NOW.minus(Duration.ofDays(1)), Duration.ofHours(2))),
                Map.of(), Map.of());
        assertThat(FreightAvailability.of(uat, freight("v1.2.3"), left, NOW).available()).isTrue();
        FreightStatus shortStay = new FreightStatus(
                Map.of("staging", new FreightStatus.VerifiedIn(NOW.minus(Duration.ofDays(1)), Duration.ofMinutes(59))),
                Map.of(), Map.of());
        assertThat(FreightAvailability.of(uat, freight("v1.2.3"), shortStay, NOW).reason())
                .isEqualTo("soaking in staging for 1 minute more");
    }

    @Test
    void oneOfNeedsAnyUpstreamAndAllNeedsEvery() {
        FreightStatus onlyA = verified("a", NOW, null);
        Freight f = freight("v2.0.0");
        Stage oneOf = stage("fan-in", request(upstream(AvailabilityStrategy.OneOf, Duration.ZERO, "a", "b")));
        Stage all = stage("fan-in", request(upstream(AvailabilityStrategy.All, Duration.ZERO, "a", "b")));
        assertThat(FreightAvailability.of(oneOf, f, onlyA, NOW)).isEqualTo(new Availability(true, "verified in a"));
        assertThat(FreightAvailability.of(all, f, onlyA, NOW)).isEqualTo(new Availability(false, "not verified in b"));
        assertThat(FreightAvailability.of(oneOf, f, FreightStatus.NONE, NOW).reason())
                .isEqualTo("not verified in a, and not verified in b");
        FreightStatus both = new FreightStatus(Map.of("a", new FreightStatus.VerifiedIn(NOW, Duration.ZERO),
                "b", new FreightStatus.VerifiedIn(NOW, Duration.ZERO)), Map.of(), Map.of());
        assertThat(FreightAvailability.of(all, f, both, NOW)).isEqualTo(new Availability(true, "verified in a and b"));
    }

    @Test
    void approvalOverridesVerificationAndSoakButNotTheStagesFilters() {
        FreightStatus approved = new FreightStatus(Map.of(),
                Map.of("production", new FreightStatus.ApprovedFor(NOW, "alice")), Map.of());
        Stage production = stage("production", new FreightRequest(SERVICES,
                upstream(AvailabilityStrategy.OneOf, Duration.ofHours(1), "preprod"), "", false,
                Set.of(Maturity.STABLE), SourceLocation.UNKNOWN));
        Availability hotfix = FreightAvailability.of(production, freight("v1.2.4"), approved, NOW);
        assertThat(hotfix.available()).isTrue();
        assertThat(hotfix.reason()).isEqualTo("approved for production by alice at " + NOW);
        assertThat(FreightAvailability.of(production, freight("v1.2.4-beta.1"), approved, NOW).reason())
                .isEqualTo("pre-release v1.2.4-beta.1 of harbor.local/user-service (beta) refused: production accepts stable only");
    }

    @Test
    void maturityIsCheckedOnEveryArtifactOfMixedFreight() {
        Stage uat = stage("uat", new FreightRequest(SERVICES, direct(), "", false,
                Set.of(Maturity.BETA, Maturity.STABLE), SourceLocation.UNKNOWN));
        Freight mixed = new Freight("f", "a", SERVICES, NOW,
                List.of(image("user-service", "v1.2.3"), image("payment-service", "v1.2.3-rc.2"),
                        image("notification-service", "v1.2.3-alpha.20241114153045")),
                List.of(), List.of(), List.of());
        assertThat(FreightAvailability.of(uat, mixed, FreightStatus.NONE, NOW).reason()).isEqualTo(
                "pre-release v1.2.3-alpha.20241114153045 of harbor.local/notification-service (alpha) refused: "
                        + "uat accepts beta and stable only");
        Freight betaAndStable = new Freight("g", "b", SERVICES, NOW,
                List.of(image("user-service", "v1.2.3"), image("payment-service", "v1.2.3-beta.1")),
                List.of(new FreightChart("oci://charts.local", "app", "1.2.3-RC1", "")), List.of(),
                List.of(new FreightArtifact("npm", "types", "1.0.0", Map.of("package", "@yourorg/common-types"))));
        assertThat(FreightAvailability.of(uat, betaAndStable, FreightStatus.NONE, NOW).available()).isTrue();
        Freight alphaPackage = new Freight("h", "c", SERVICES, NOW, List.of(image("user-service", "v1.2.3")), List.of(),
                List.of(), List.of(new FreightArtifact("npm", "types", "2.0.0-alpha.3", Map.of("package", "@yourorg/common-types"))));
        assertThat(FreightAvailability.of(uat, alphaPackage, FreightStatus.NONE, NOW).reason())
                .isEqualTo("pre-release 2.0.0-alpha.3 of @yourorg/common-types (alpha) refused: uat accepts beta and stable only");
    }

    @Test
    void aMaturityFilterRefusesVersionsItCannotClassify() {
        Stage uat = stage("uat", new FreightRequest(SERVICES, direct(), "", false, Set.of(Maturity.STABLE), SourceLocation.UNKNOWN));
        assertThat(FreightAvailability.of(uat, freight("latest"), FreightStatus.NONE, NOW).reason())
                .isEqualTo("version latest of harbor.local/user-service is not a semantic version, so uat cannot tell "
                        + "its maturity (it accepts stable only)");
    }

    @Test
    void seedsSemverConstraintAndExcludePreReleases() {
        Stage production = stage("production", new FreightRequest(SERVICES, direct(), ">=1.0.0", true, Set.of(),
                SourceLocation.UNKNOWN));
        assertThat(FreightAvailability.of(production, freight("v1.2.3-beta.1"), FreightStatus.NONE, NOW).reason())
                .isEqualTo("pre-release v1.2.3-beta.1 of harbor.local/user-service refused: production excludes pre-releases");
        assertThat(FreightAvailability.of(production, freight("v0.9.0"), FreightStatus.NONE, NOW).reason())
                .isEqualTo("version v0.9.0 of harbor.local/user-service refused: outside production's semverConstraint '>=1.0.0'");
        assertThat(FreightAvailability.of(production, freight("v1.0.0"), FreightStatus.NONE, NOW).available()).isTrue();
    }

    @Test
    void theSeedsUatRangeAloneAdmitsAlphaWhichTheMaturityFilterRefuses() {
        String range = ">=1.0.0-beta || >=1.0.0";
        Stage rangeOnly = stage("uat", new FreightRequest(SERVICES, direct(), range, false, Set.of(), SourceLocation.UNKNOWN));
        Stage withMaturity = stage("uat", new FreightRequest(SERVICES, direct(), range, false,
                Set.of(Maturity.BETA, Maturity.STABLE), SourceLocation.UNKNOWN));
        assertThat(FreightAvailability.of(rangeOnly, freight("v1.2.3-alpha.1"), FreightStatus.NONE, NOW).available()).isTrue();
        assertThat(FreightAvailability.of(withMaturity, freight("v1.2.3-alpha.1"), FreightStatus.NONE, NOW).available()).isFalse();
        assertThat(FreightAvailability.of(withMaturity, freight("v1.2.3-beta.1"), FreightStatus.NONE, NOW).available()).isTrue();
    }

    @Test
    void maturityOfVersions() {
        assertThat(Maturity.of(org.semver4j.Semver.parse("1.2.3"))).isEqualTo(Maturity.STABLE);
        assertThat(Maturity.of(org.semver4j.Semver.parse("1.2.3-beta.1"))).isEqualTo(Maturity.BETA);
        assertThat(Maturity.of(org.semver4j.Semver.parse("1.2.3-rc.1"))).isEqualTo(Maturity.BETA);
        assertThat(Maturity.of(org.semver4j.Semver.parse("1.2.3-alpha.1"))).isEqualTo(Maturity.ALPHA);
        assertThat(Maturity.of(org.semver4j.Semver.parse("1.2.3-SNAPSHOT"))).isEqualTo(Maturity.ALPHA);
        assertThat(Maturity.of(org.semver4j.Semver.parse("1.2.3-preview.beta"))).isEqualTo(Maturity.ALPHA);
    }

    static FreightStatus verified(String stage, Instant at, Instant since) {
        return new FreightStatus(Map.of(stage, new FreightStatus.VerifiedIn(at, Duration.ZERO)), Map.of(),
                since == null ? Map.of() : Map.of(stage, new FreightStatus.CurrentlyIn(since)));
    }

    static Freight freight(String tag) {
        return new Freight("f-" + tag, "alias", SERVICES, NOW, List.of(image("user-service", tag)), List.of(), List.of(), List.of());
    }

    static FreightImage image(String name, String tag) {
        return new FreightImage("harbor.local/" + name, tag, "sha256:" + "0".repeat(64), Map.of(), "");
    }

    static FreightSources direct() {
        return new FreightSources(true, List.of(), AvailabilityStrategy.OneOf, Duration.ZERO, AutoPromotionSelectionPolicy.NewestFreight);
    }

    static FreightSources upstream(AvailabilityStrategy strategy, Duration soak, String... stages) {
        return new FreightSources(false, List.of(stages), strategy, soak, AutoPromotionSelectionPolicy.NewestFreight);
    }

    static FreightRequest request(FreightSources sources) {
        return new FreightRequest(SERVICES, sources, "", false, Set.of(), SourceLocation.UNKNOWN);
    }

    static Stage stage(String name, FreightRequest... requests) {
        return new Stage("myapp", name, Map.of(), List.of(), List.of(requests), Optional.empty(), Optional.empty(),
                Optional.empty(), SourceLocation.UNKNOWN);
    }
}
