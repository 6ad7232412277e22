package io.jenkins.plugins.kargo.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.application.command.CommandRefusedException;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.command.PromotionTicket;
import io.jenkins.plugins.kargo.application.outcome.DeliveryOutcome;
import io.jenkins.plugins.kargo.application.view.FreightCard;
import io.jenkins.plugins.kargo.application.view.FreightFilter;
import io.jenkins.plugins.kargo.application.view.FreightSelector;
import io.jenkins.plugins.kargo.application.view.StageAvailability;
import io.jenkins.plugins.kargo.application.view.StageCard;
import io.jenkins.plugins.kargo.application.view.StageDetail;
import io.jenkins.plugins.kargo.application.view.ViewJson;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.StoreException;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application layer over a real store: commands change it, the read model shows it, outcomes settle as the
 * engine's transitions (or another process's, on the same state directory) happen.
 */
class ApplicationLayerTest {

    private static final String PROJECT = "shop";
    private static final String CONFIG = ShopProject.header("registry.local/app", ShopProject.AUTO_PROMOTE_DEV)
            + stage("dev", "sources: {direct: true}") + stage("uat", "sources: {stages: [dev]}");

    @TempDir
    Path dir;

    private final Step step = new Step();
    private Kargo kargo;

    /** A step that succeeds, fails for chosen Freight, or waits at a latch. */
    static final class Step implements PromotionStepRunner {
        volatile Set<String> failFor = Set.of();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile Runnable during = () -> { };

        @Override
        public String name() {
            return "record";
        }

        @Override
        public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
            gate.await();
            during.run();
            String freight = context.freight().items().get(0).alias();
            return failFor.contains(freight) ? StepResult.failed("refused " + freight)
                    : StepResult.succeeded(Map.of(), "recorded " + freight);
        }
    }

    private static String stage(String name, String sources) {
        return """
                ---
                apiVersion: kargo.akuity.io/v1alpha1
                kind: Stage
                metadata:
                  name: %s
                  namespace: shop
                spec:
                  requestedFreight:
                    - origin: {kind: Warehouse, name: images}
                      %s
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: record
                          as: write
                """.formatted(name, sources);
    }

    @BeforeEach
    void applyTheProject() throws Exception {
        kargo = open();
        Files.writeString(dir.resolve("shop.yaml"), CONFIG);
        kargo.commands().apply(ConfigInput.path(dir.resolve("shop.yaml")), "alice");
    }

    @AfterEach
    void close() {
        kargo.close();
    }

    private Kargo open() {
        return Kargo.builder(dir.resolve("state")).steps(StepRegistry.of(step)).build();
    }

    /** Stores a Freight as discovery would, through a store of its own (as another process would). */
    private Freight freight(String tag, String alias) {
        try (KargoStore store = KargoStore.open(dir.resolve("state"))) {
            return store.freight().create(PROJECT, new Freight("", alias, FreightOrigin.warehouse("images"), null,
                    List.of(new FreightImage("registry.local/app", tag, "sha256:" + "0".repeat(63) + tag.length(),
                            Map.of(), "")), List.of(), List.of(), List.of())).freight();
        }
    }

    @Test
    void theReadModelShowsWhatThePromotionDid() throws Exception {
        Freight v1 = freight("1.0.0", "icy-sparrow");
        PromotionTicket ticket = kargo.commands().promote(PROJECT, "dev", FreightSelector.byAlias("icy-sparrow"), "bob");
        assertThat(kargo.commands().runQueue(PROJECT, "dev")).isTrue();

        StageCard dev = kargo.views().stage(PROJECT, "dev");
        assertThat(dev.current()).extracting(f -> f.alias()).containsExactly("icy-sparrow");
        assertThat(dev.health()).isEqualTo("Healthy"); // no verification: verified at once
        assertThat(dev.lastPromotion().orElseThrow().name()).isEqualTo(ticket.name());
        assertThat(dev.lastPromotion().orElseThrow().steps()).extracting(s -> s.alias() + ":" + s.status())
                .containsExactly("write:Succeeded");
        assertThat(dev.gate().manual()).isFalse();
        assertThat(kargo.views().stage(PROJECT, "uat").gate().manual()).isTrue();

        StageDetail detail = kargo.views().stageDetail(PROJECT, "dev");
        assertThat(detail.history()).singleElement().satisfies(e -> {
            assertThat(e.current()).isTrue();
            assertThat(e.freight()).singleElement().satisfies(i -> assertThat(i.versions()).isEqualTo("1.0.0"));
        });

        FreightCard card = kargo.views().timeline(PROJECT, FreightFilter.ALL, 0, 10).freight().get(0);
        assertThat(card.name()).isEqualTo(v1.name());
        assertThat(card.currentlyIn()).containsExactly("dev");
        assertThat(card.verifiedIn()).containsExactly("dev");
        assertThat(card.availability()).extracting(StageAvailability::stage, StageAvailability::available)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dev", true),
                        org.assertj.core.groups.Tuple.tuple("uat", true));

        JsonNode json = ViewJson.mapper().valueToTree(dev);
        assertThat(json.path("lastPromotion").path("finishedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.path("hold").isNull()).isTrue();

        ObjectNode manifest = kargo.views().manifests().stages(PROJECT).get(0);
        assertThat(manifest.path("kind").asText()).isEqualTo("Stage");
        assertThat(manifest.path("status").path("history").get(0).path("promotion").asText()).isEqualTo(ticket.name());
    }

    @Test
    void aPromotionWhoseStateDirectoryIsDeletedWhileItRunsFailsSayingWhatItDidAndHowToRecover() throws Exception {
        freight("1.0.0", "icy-sparrow");
        PromotionTicket ticket = kargo.commands().promote(PROJECT, "dev", FreightSelector.byAlias("icy-sparrow"), "bob");
        step.during = () -> deleteRecursively(dir.resolve("state"));

        assertThatThrownBy(() -> kargo.commands().runQueue(PROJECT, "dev")).isInstanceOf(StoreException.class)
                .hasMessageContaining("promotion " + ticket.name() + " of Freight " + ticket.freight().name()
                        + " into stage dev ended Succeeded but its outcome could not be recorded")
                .hasMessageContaining("the state directory " + dir.resolve("state") + " was deleted or replaced")
                .hasMessageContaining("\n  write (record): Succeeded: recorded icy-sparrow\n")
                .hasMessageContaining("apply the configuration into a new state directory, then promote Freight "
                        + ticket.freight().name() + " into stage dev again");
    }

    private static void deleteRecursively(Path path) {
        try (var paths = Files.walk(path)) {
            for (Path each : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(each);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unknownNamesAndRefusalsSayWhatIsKnownAndWhy() {
        freight("1.0.0", "icy-sparrow");

        assertThatThrownBy(() -> kargo.views().stage(PROJECT, "prod")).isInstanceOf(NoSuchElementException.class)
                .hasMessage("stage prod not found in project shop; stages: dev, uat");
        assertThatThrownBy(() -> kargo.views().project("other")).hasMessage("project other not found; projects: shop");
        assertThatThrownBy(() -> kargo.commands().promote(PROJECT, "uat", FreightSelector.byAlias("icy-sparrow"), "bob"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("is not available to stage uat");
        assertThatThrownBy(() -> kargo.commands().rollback(PROJECT, "dev", Optional.empty(), "bob"))
                .isInstanceOf(CommandRefusedException.class).hasMessageContaining("no previous Freight");
    }

    @Test
    void aPromotionsOutcomeCompletesWithTheTransitionThatEndsIt() throws Exception {
        freight("1.0.0", "icy-sparrow");
        step.failFor = Set.of("icy-sparrow");
        PromotionTicket ticket = kargo.commands().promote(PROJECT, "dev", FreightSelector.byAlias("icy-sparrow"), "bob");
        CompletableFuture<DeliveryOutcome> outcome = kargo.outcomes().promotion(PROJECT, ticket.name());
        assertThat(outcome).isNotDone();

        kargo.commands().runQueue(PROJECT, "dev");

        DeliveryOutcome failed = outcome.get(30, TimeUnit.SECONDS);
        assertThat(failed).isInstanceOf(DeliveryOutcome.Failed.class);
        assertThat(((DeliveryOutcome.Failed) failed).failedAt()).isEqualTo("write");
        assertThat(failed.promotion().orElseThrow().phase()).isEqualTo("Failed");
        // asked again once settled (a Jenkins step resuming after a restart): completed at once
        assertThat(kargo.outcomes().promotion(PROJECT, ticket.name())).isCompletedWithValue(failed);
    }

    @Test
    void anAbortedPromotionIsAborted() throws Exception {
        freight("1.0.0", "icy-sparrow");
        PromotionTicket ticket = kargo.commands().promote(PROJECT, "dev", FreightSelector.byAlias("icy-sparrow"), "bob");
        CompletableFuture<DeliveryOutcome> outcome = kargo.outcomes().promotion(PROJECT, ticket.name());

        assertThat(kargo.commands().abortPromotion(PROJECT, ticket.name(), "carol").abortedNow()).isTrue();

        DeliveryOutcome aborted = outcome.get(30, TimeUnit.SECONDS);
        assertThat(aborted).isInstanceOf(DeliveryOutcome.Aborted.class);
        assertThat(((DeliveryOutcome.Aborted) aborted).message()).contains("carol");
    }

    @Test
    void aPromotionAnotherProcessRunsIsSeenThroughTheStoresDataVersion() throws Exception {
        freight("1.0.0", "icy-sparrow");
        PromotionTicket ticket = kargo.commands().promote(PROJECT, "dev", FreightSelector.byAlias("icy-sparrow"), "bob");
        CompletableFuture<DeliveryOutcome> outcome = kargo.outcomes().promotion(PROJECT, ticket.name());

        try (Kargo other = open()) { // another engine on the same state directory, as `kargo serve` beside this one
            assertThat(other.commands().runQueue(PROJECT, "dev")).isTrue();
        }

        DeliveryOutcome succeeded = outcome.get(30, TimeUnit.SECONDS);
        assertThat(succeeded).isInstanceOf(DeliveryOutcome.Succeeded.class);
        assertThat(succeeded.promotion().orElseThrow().freight().alias()).isEqualTo("icy-sparrow");
    }

    @Test
    void subscribersHearDeliveryEventsWithTypedFreight() throws Exception {
        freight("1.0.0", "icy-sparrow");
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = kargo.outcomes().subscribe(e -> heard.add(e.type() + " "
                + e.freight().get(0).alias()))) {
            kargo.commands().promote(PROJECT, "dev", FreightSelector.byAlias("icy-sparrow"), "bob");
            kargo.commands().runQueue(PROJECT, "dev");
        }
        assertThat(heard).containsExactly("PROMOTION_SUCCEEDED icy-sparrow");
    }
}
