package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analysis argument read from a Secret of the project directory ({@code valueFrom.secretKeyRef}), sent to a real
 * HTTP server, and kept out of every message; and the project's choice to keep {@code verifiedIn} after a failed
 * verification, as Kargo does.
 */
class VerificationSecretsTest {

    private static final String TOKEN = "canary-token-5150";

    @TempDir
    Path dir;
    final AtomicInteger status = new AtomicInteger(200);
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer health;
    KargoEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ("{\"ok\": " + (status.get() == 200) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        engine = Lifecycle.engine(dir.resolve("state"), new Lifecycle.TestClock(), new RecordStep());
    }

    @AfterEach
    void tearDown() {
        engine.close();
        health.stop(0);
    }

    private void apply(String projectAnnotations) throws Exception {
        Path config = Files.createDirectories(dir.resolve("kargo"));
        String header = ShopProject.header("registry.local/app", "").replace("  name: shop\n",
                "  name: shop\n" + projectAnnotations);
        Files.writeString(config.resolve("shop.yaml"), header + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: health-api, namespace: shop}
                stringData: {token: %s}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: smoke, namespace: shop}
                spec:
                  args:
                    - name: token
                      valueFrom: {secretKeyRef: {name: health-api, key: token}}
                  metrics:
                    - name: health
                      successCondition: result == true && '{{ args.token }}' != ''
                      provider:
                        web:
                          url: http://127.0.0.1:%d/health
                          jsonPath: "{$.ok}"
                          headers: [{key: Authorization, value: "Bearer {{ args.token }}"}]
                """.formatted(TOKEN, health.getAddress().getPort())
                + Lifecycle.verifiedStage("dev", "sources: {direct: true}", "smoke"));
        engine.apply(config);
    }

    private VerificationRun promote(Freight freight) throws Exception {
        Promotion promotion = engine.promote("shop", "dev", freight.name(), "alice");
        engine.runPromotions("shop", "dev");
        assertThat(engine.store().promotions().get("shop", promotion.name()).orElseThrow().phase())
                .isEqualTo(PromotionPhase.Succeeded);
        return engine.store().verifications().latest("shop", "dev").orElseThrow();
    }

    @Test
    void aSecretKeyRefArgumentReachesTheServerAndNoMessage() throws Exception {
        apply("");
        Freight good = Lifecycle.freight(engine, "v1.0.0", "good");
        assertThat(promote(good).phase()).isEqualTo(VerificationPhase.Successful);
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);

        status.set(500);
        VerificationRun failed = engine.verifyStage("shop", "dev", "alice");
        engine.runPromotions("shop", "dev");
        failed = engine.store().verifications().get("shop", failed.name()).orElseThrow();
        assertThat(failed.phase()).isEqualTo(VerificationPhase.Failed);
        assertThat(failed.message()).contains("*****").doesNotContain(TOKEN);
        assertThat(failed.metrics().toString()).doesNotContain(TOKEN);
        // this product's default: the failure takes verifiedIn back
        assertThat(engine.store().stages().freightStatus("shop", good.name()).isVerifiedIn("dev")).isFalse();
    }

    @Test
    void aProjectMayKeepVerifiedInAfterAFailureAsKargoDoes() throws Exception {
        apply("  annotations: {kargo.jenkins.io/revoke-verified-on-failure: \"false\"}\n");
        Freight good = Lifecycle.freight(engine, "v1.0.0", "good");
        assertThat(promote(good).phase()).isEqualTo(VerificationPhase.Successful);

        status.set(500);
        VerificationRun failed = engine.verifyStage("shop", "dev", "alice");
        engine.runPromotions("shop", "dev");
        assertThat(engine.store().verifications().get("shop", failed.name()).orElseThrow().phase())
                .isEqualTo(VerificationPhase.Failed);
        assertThat(engine.store().stages().freightStatus("shop", good.name()).isVerifiedIn("dev")).isTrue();
        assertThat(engine.store().stages().status("shop", "dev").health()).isEqualTo("Unhealthy");
    }
}
