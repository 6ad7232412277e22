package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAliases;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepRegistry;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A project for lifecycle tests, applied to a real store: warehouse {@code images}; stages {@code dev} (direct,
 * auto-promoted), {@code staging} (from dev), {@code prod} (from staging, stable only, one hour's soak), and
 * {@code east}/{@code west} (direct); every stage runs the {@code record} step twice.
 */
final class Lifecycle {

    static final String PROJECT = "shop";

    static final String CONFIG = ShopProject.header("registry.local/app", ShopProject.AUTO_PROMOTE_DEV)
            + stage("dev", "sources: {direct: true}")
            + stage("staging", "sources: {stages: [dev]}")
            + stage("prod", "sources: {stages: [staging], requiredSoakTime: 1h}\n      maturity: [stable]")
            + stage("east", "sources: {direct: true}")
            + stage("west", "sources: {direct: true}");

    /** A stage like the project's, verified by the analysis template {@code template}. */
    static String verifiedStage(String name, String sources, String template) {
        return stage(name, sources) + """
                  verification:
                    analysisTemplates:
                      - name: %s
                """.formatted(template);
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
                        - uses: record
                          as: again
                """.formatted(name, sources);
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-27T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            // every reading a nanosecond later, so creation times order Freight as created
            Instant current = now;
            now = current.plusNanos(1);
            return current;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private Lifecycle() {
    }

    /** The 1-based line of the first line of {@code yaml} containing {@code text}. */
    static int lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the snippet");
    }

    static KargoEngine engine(Path state, Clock clock, PromotionStepRunner... steps) {
        return KargoEngine.builder(KargoStore.open(state, clock, FreightAliases.unseeded())).steps(StepRegistry.of(steps))
                .clock(clock).build();
    }

    static void apply(KargoEngine engine, Path dir) throws ConfigException {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("shop.yaml"), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine.apply(dir);
    }

    /** Stores a Freight of {@code registry.local/app:tag} with the alias {@code alias}. */
    static Freight freight(KargoEngine engine, String tag, String alias) {
        return freightIn(engine, PROJECT, tag, alias);
    }

    /** Stores a Freight of {@code registry.local/app:tag} in {@code project}'s warehouse {@code images}. */
    static Freight freightIn(KargoEngine engine, String project, String tag, String alias) {
        Freight freight = new Freight("", alias, FreightOrigin.warehouse("images"), null,
                List.of(new FreightImage("registry.local/app", tag, "sha256:" + String.format("%064x", tag.hashCode() & 0xffffffffL),
                        Map.of(), "")), List.of(), List.of(), List.of());
        return engine.store().freight().create(project, freight).freight();
    }
}
