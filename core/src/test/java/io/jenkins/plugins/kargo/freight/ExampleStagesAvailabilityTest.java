package io.jenkins.plugins.kargo.freight;

import static io.jenkins.plugins.kargo.freight.FreightAvailabilityTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example's gates: uat takes beta and stable only, production stable only, each once verified upstream. */
class ExampleStagesAvailabilityTest {

    private static KargoConfig config;

    @BeforeAll
    static void load() throws ConfigException {
        config = new ConfigLoader().load(ExampleProject.directory());
    }

    @Test
    void uatTakesBetaAndStableButNotTheAlphaItsRangeAdmits() {
        Stage uat = config.stage("myapp", "uat").orElseThrow();
        FreightStatus verifiedInStaging = FreightAvailabilityTest.verified("staging", NOW, NOW.minus(Duration.ofHours(1)));
        assertThat(FreightAvailability.of(uat, services("v1.2.3-alpha.20241114153045"), verifiedInStaging, NOW).reason())
                .isEqualTo("pre-release v1.2.3-alpha.20241114153045 of harbor.yourdomain.com/services/user-service (alpha) "
                        + "refused: uat accepts beta and stable only");
        assertThat(FreightAvailability.of(uat, services("v1.2.3-beta.1"), verifiedInStaging, NOW).available()).isTrue();
        assertThat(FreightAvailability.of(uat, services("v1.2.3"), verifiedInStaging, NOW).available()).isTrue();
        assertThat(FreightAvailability.of(uat, services("v1.2.3-beta.1"), FreightStatus.NONE, NOW).reason())
                .isEqualTo("not verified in staging");
    }

    @Test
    void productionTakesStableOnly() {
        Stage production = config.stage("myapp", "production").orElseThrow();
        FreightStatus verifiedInPreprod = FreightAvailabilityTest.verified("preprod", NOW, NOW);
        assertThat(FreightAvailability.of(production, services("v1.2.3-beta.1"), verifiedInPreprod, NOW).reason())
                .isEqualTo("pre-release v1.2.3-beta.1 of harbor.yourdomain.com/services/user-service (beta) "
                        + "refused: production accepts stable only");
        assertThat(FreightAvailability.of(production, services("v1.2.3"), verifiedInPreprod, NOW).available()).isTrue();
    }

    private static Freight services(String tag) {
        List<FreightImage> images = ExampleProject.services().stream()
                .map(s -> new FreightImage("harbor.yourdomain.com/services/" + s, tag, "sha256:" + "1".repeat(64), Map.of(), ""))
                .toList();
        return new Freight("f", "a", FreightOrigin.warehouse("services-warehouse"), NOW, images, List.of(), List.of(), List.of());
    }
}
