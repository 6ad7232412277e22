package io.jenkins.plugins.kargo.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups of a loaded configuration, and the ways to load one. */
class KargoConfigTest {

    @TempDir
    Path dir;

    private static final String POLICIES = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: ProjectConfig
            metadata: {name: shop, namespace: shop}
            spec:
              promotionPolicies:
                - stageSelector: {matchLabels: {tier: prod}}
                  autoPromotionEnabled: false
                - stageSelector: {name: "glob:*"}
                  autoPromotionEnabled: true
                  autoRollback: {}
            """;

    private static final String PROD = """
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Stage
            metadata:
              name: prod
              namespace: shop
              labels: {tier: prod}
            spec:
              requestedFreight:
                - origin: {kind: Warehouse, name: images}
                  sources: {stages: [test]}
            """;

    @Test
    void firstMatchingPolicyGovernsAStageAsInKargo() throws ConfigException {
        KargoConfig config = new ConfigFixture(dir).withBase().with("policies.yaml", POLICIES).with("prod.yaml", PROD).load();
        Stage prod = config.stage("shop", "prod").orElseThrow();
        Stage test = config.stage("shop", "test").orElseThrow();
        assertThat(prod.labels()).containsEntry("tier", "prod");
        assertThat(config.autoPromotionEnabled(prod)).isFalse();
        assertThat(config.autoPromotionEnabled(test)).isTrue();
        // an empty autoRollback means Kargo's default: roll back on a failed verification
        assertThat(config.promotionPolicy(test).orElseThrow().autoRollback())
                .isEqualTo(new PromotionPolicy.AutoRollback(java.util.List.of("Failed"), java.util.List.of()));
        assertThat(config.stages("shop")).extracting(Stage::name).containsExactly("test", "prod");
        assertThat(config.find("shop", ResourceKind.STAGE, "prod")).contains(prod);
        assertThat(config.find("", ResourceKind.STAGE, "prod")).isEmpty();
    }

    @Test
    void aStreamAndASingleFileLoadAsADirectoryDoes() throws ConfigException {
        String all = ConfigFixture.PROJECT + "---\n" + ConfigFixture.WAREHOUSE + "---\n" + ConfigFixture.STAGE;
        KargoConfig fromStream = new ConfigLoader().load(
                new ByteArrayInputStream(all.getBytes(StandardCharsets.UTF_8)), ConfigLoader.STDIN);
        assertThat(fromStream.stage("shop", "test").orElseThrow().location().file()).isEqualTo("<stdin>");
        assertThat(fromStream.stage("shop", "test").orElseThrow().location().line()).isEqualTo(
                ConfigFixture.lineOf(all, "kind: Stage") - 1);

        Path file = new ConfigFixture(dir).with("all.yaml", all).dir().resolve("all.yaml");
        KargoConfig fromFile = new ConfigLoader().load(file);
        assertThat(fromFile.warehouses("shop")).singleElement().satisfies(w -> {
            assertThat(w.location().file()).isEqualTo(file.toString());
            assertThat(w.subscriptions()).hasSize(1);
        });
    }

    @Test
    void missingPathIsAnErrorNamingIt() {
        ConfigProblem problem = new ConfigFixture(dir.resolve("nowhere")).error();
        assertThat(problem.location().file()).endsWith("nowhere");
        assertThat(problem.message()).isEqualTo("no such file or directory");
    }
}
