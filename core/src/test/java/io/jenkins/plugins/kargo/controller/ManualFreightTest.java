package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.state.FreightCreation;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.PushedImage;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warehouses that do not make Freight of the newest on their own, against the real registry: Kargo's
 * {@code freightCreationPolicy: Manual} (discovery records, people choose) and {@code freightCreationCriteria}.
 */
class ManualFreightTest {

    @TempDir
    Path temp;

    private final OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());
    private final String repo = "manual/app-" + UUID.randomUUID().toString().substring(0, 8);
    private final String image = TestServices.registry() + "/" + repo;

    private String project(String warehouseSpec) {
        return """
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Project
                metadata: {name: shop}
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Warehouse
                metadata: {name: images, namespace: shop}
                spec:
                """ + warehouseSpec.indent(2) + """
                  subscriptions:
                    - name: web
                      image: {repoURL: %s, constraint: '>=0.0.0-0'}
                """.formatted(image);
    }

    private KargoEngine engine(String warehouseSpec) throws Exception {
        KargoEngine engine = KargoEngine.builder(KargoStore.open(temp.resolve("state"))).build();
        Files.writeString(temp.resolve("shop.yaml"), project(warehouseSpec));
        engine.apply(temp.resolve("shop.yaml"));
        return engine;
    }

    @Test
    void aManualWarehouseRecordsWhatItFoundAndPeopleMakeFreightOfChosenVersions() throws Exception {
        Map<String, PushedImage> pushed = new LinkedHashMap<>();
        for (String tag : new String[] {"1.0.0", "1.1.0", "2.0.0"}) {
            pushed.put(tag, pusher.image(repo).tag(tag).label("tag", tag).push());
        }
        try (KargoEngine engine = engine("freightCreationPolicy: Manual")) {
            WarehouseRefresh refresh = engine.refreshWarehouse("shop", "images");
            assertThat(refresh.succeeded()).isTrue();
            assertThat(refresh.freight()).isEmpty();
            assertThat(refresh.held()).startsWith("freightCreationPolicy is Manual");
            assertThat(refresh.subscriptions().get(0).artifacts()).hasSize(3);
            assertThat(engine.store().freight().list("shop")).isEmpty();

            FreightCreation chosen = engine.createFreight("shop", "images", Map.of("web", "1.1.0"), "alice");
            assertThat(chosen.created()).isTrue();
            FreightImage made = chosen.freight().images().get(0);
            assertThat(made.tag()).isEqualTo("1.1.0");
            assertThat(made.digest()).isEqualTo(pushed.get("1.1.0").digest());
            assertThat(engine.createFreight("shop", "images", Map.of(image, "1.1.0"), "bob").created()).isFalse();
            // a subscription not named takes the newest
            assertThat(engine.createFreight("shop", "images", Map.of(), "alice").freight().images().get(0).tag())
                    .isEqualTo("2.0.0");
            assertThat(engine.store().audit().list("shop")).anySatisfy(e ->
                    assertThat(e.action()).isEqualTo("create-freight"));

            assertThatThrownBy(() -> engine.createFreight("shop", "images", Map.of("web", "9.9.9"), "alice"))
                    .hasMessageContaining("version 9.9.9 is not among those discovered (2.0.0, 1.1.0, 1.0.0)");
            assertThatThrownBy(() -> engine.createFreight("shop", "images", Map.of("api", "1.0.0"), "alice"))
                    .hasMessageContaining("warehouse images has no subscription api; its subscriptions: web");
        }
    }

    @Test
    void criteriaHoldBackFreightOfTheNewestUntilTheyAreMet() throws Exception {
        pusher.image(repo).tag("1.0.0").push();
        pusher.image(repo).tag("2.0.0-rc.1").label("x", "y").push();
        try (KargoEngine engine = engine("""
                freightCreationCriteria:
                  expression: imageFrom('%s').Tag != '2.0.0-rc.1'
                """.formatted(image))) {
            WarehouseRefresh held = engine.refreshWarehouse("shop", "images");
            assertThat(held.freight()).isEmpty();
            assertThat(held.held()).contains("freightCreationCriteria").contains("do not hold");

            pusher.image(repo).tag("3.0.0").push();
            WarehouseRefresh made = engine.refreshWarehouse("shop", "images");
            assertThat(made.freight().orElseThrow().freight().images().get(0).tag()).isEqualTo("3.0.0");
        }
    }
}
