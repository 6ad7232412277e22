package io.jenkins.plugins.kargo.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.view.FreightRef;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback chosen from what a face remembers (a Jenkins job's builds): the newest of its Freight that the stage does
 * not hold now and that the stage's history holds.
 */
class RollbackTargetTest {

    private static final String PROJECT = "shop";

    @TempDir
    Path dir;

    private Kargo kargo;

    private static final class Record implements PromotionStepRunner {
        @Override
        public String name() {
            return "record";
        }

        @Override
        public StepResult run(StepContext context, JsonNode config) {
            return StepResult.succeeded(Map.of(), "recorded");
        }
    }

    @BeforeEach
    void applyTheProject() throws Exception {
        kargo = Kargo.builder(dir.resolve("state")).steps(StepRegistry.of(new Record())).build();
        Files.writeString(dir.resolve("shop.yaml"), ShopProject.header("registry.local/app", "") + """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: prod
                  namespace: shop
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      sources: {direct: true}
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: record
                """);
        kargo.commands().apply(ConfigInput.path(dir.resolve("shop.yaml")), "alice");
    }

    @AfterEach
    void close() {
        kargo.close();
    }

    private String promoted(String tag, String alias) throws Exception {
        Freight freight;
        try (KargoStore store = KargoStore.open(dir.resolve("state"))) {
            freight = store.freight().create(PROJECT, new Freight("", alias, FreightOrigin.warehouse("images"), null,
                    List.of(new FreightImage("registry.local/app", tag, "sha256:" + "0".repeat(63) + tag.length(),
                            Map.of(), "")), List.of(), List.of(), List.of())).freight();
        }
        kargo.commands().promote(PROJECT, "prod", FreightSelector.byName(freight.name()), "bob");
        assertThat(kargo.commands().runQueue(PROJECT, "prod")).isTrue();
        return freight.name();
    }

    @Test
    void theNewestCandidateTheStageDoesNotHoldNowAndHeldBefore() throws Exception {
        String v1 = promoted("1.0.0", "icy-sparrow");
        String v2 = promoted("1.1.0", "warm-otter");
        String v3 = promoted("1.2.0", "bold-heron");

        assertThat(kargo.views().rollbackTarget(PROJECT, "prod", List.of(v3, v2, v1)))
                .contains(new FreightRef(v2, "warm-otter"));
        assertThat(kargo.views().rollbackTarget(PROJECT, "prod", List.of(v3, "never-promoted-here", v1)))
                .as("a Freight the stage never held is no rollback target").contains(new FreightRef(v1, "icy-sparrow"));
        assertThat(kargo.views().rollbackTarget(PROJECT, "prod", List.of(v3))).as("only the current one").isEmpty();
        assertThat(kargo.views().rollbackTarget(PROJECT, "prod", List.of())).isEmpty();
    }

    @Test
    void anUnknownStageListsTheKnownOnes() {
        assertThatThrownBy(() -> kargo.views().rollbackTarget(PROJECT, "production", List.of("x")))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("stages: prod");
    }

    @Test
    void theChosenFreightIsOneRollbackAccepts() throws Exception {
        String v1 = promoted("1.0.0", "icy-sparrow");
        promoted("1.1.0", "warm-otter");

        FreightRef target = kargo.views().rollbackTarget(PROJECT, "prod", List.of(v1)).orElseThrow();
        kargo.commands().rollback(PROJECT, "prod", Optional.of(FreightSelector.byName(target.name())), "carol");
        kargo.commands().runQueue(PROJECT, "prod");

        assertThat(kargo.views().stage(PROJECT, "prod").current()).extracting(FreightRef::name).containsExactly(v1);
    }
}
