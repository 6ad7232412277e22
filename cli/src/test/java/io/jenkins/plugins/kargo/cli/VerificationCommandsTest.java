package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.controller.KargoEngine;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.freight.FreightOrigin;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.state.VerificationRun;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kargo verify stage}, {@code reject}, {@code approve} of a verification that waits for a person, the
 * verification {@code kargo promote} runs after its promotion, and what {@code get stages|verifications} show of
 * them: stage dev is verified by a web check against a local HTTP server, stage uat by a person (the approval plugin).
 */
class VerificationCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path temp;

    Path state;
    HttpServer health;
    final AtomicInteger status = new AtomicInteger(200);

    private KargoRun kargo(String... args) {
        return KargoRun.of(state, args);
    }

    @BeforeEach
    void project() throws Exception {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", exchange -> {
            byte[] body = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        state = temp.resolve("state");
        BareGitRepository gitops = BareGitRepository.create(temp, "gitops");
        gitops.commit("overlays", Instant.parse("2024-11-01T00:00:00Z"), Map.of(
                "overlays/dev/kustomization.yaml", "resources:\n  - ../../base\n",
                "overlays/uat/kustomization.yaml", "resources:\n  - ../../base\n"));
        Path config = Files.createDirectories(temp.resolve("kargo"));
        Files.writeString(config.resolve("shop.yaml"), ShopProject.header("registry.local/app", "") + """
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata:
                  name: smoke
                  namespace: shop
                spec:
                  metrics:
                    - name: health
                      successCondition: result.statusCode == 200
                      provider:
                        web:
                          url: http://127.0.0.1:%d/health
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata:
                  name: sign-off
                  namespace: shop
                spec:
                  metrics:
                    - name: uat-sign-off
                      successCondition: result.approved == true
                      provider:
                        plugin:
                          kargo.akuity.io/approval:
                            message: approve when UAT has passed
                """.formatted(health.getAddress().getPort())
                + stage("dev", "direct: true", "smoke", gitops) + stage("uat", "stages: [dev]", "sign-off", gitops));
        KargoRun apply = kargo("apply", "-f", config.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        try (KargoStore store = KargoStore.open(state)) {
            store.freight().create("shop", new Freight("", "first", FreightOrigin.warehouse("images"), null,
                    List.of(new FreightImage("registry.local/app", "v1.0.0", "sha256:" + "a".repeat(64), Map.of(), "")),
                    List.of(), List.of(), List.of()));
        }
    }

    @AfterEach
    void stopServer() {
        health.stop(0);
    }

    private static String stage(String name, String sources, String template, BareGitRepository gitops) {
        return ShopProject.stage(name, sources, "registry.local/app", gitops.fileUrl(), "", """
                  verification:
                    analysisTemplates:
                      - name: %s
                """.formatted(template));
    }

    @Test
    void promoteRunsTheWebCheckAndVerifyStageReportsItsFailure() throws Exception {
        KargoRun promote = kargo("promote", "--stage", "dev", "--freight-alias", "first");
        assertThat(promote.exitCode()).as(promote.err()).isZero();
        assertThat(promote.out()).containsPattern("promotion/dev\\.\\S+ Succeeded")
                .contains("  metric health: Successful (1 measurement)")
                .containsPattern("verification/dev\\.\\S+ Successful");

        status.set(500);
        KargoRun verify = kargo("verify", "stage", "dev");
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.out()).containsPattern("verification/dev\\.\\S+ created: Freight [0-9a-f]{40} in stage dev")
                .contains("  metric health: Failed (1 measurement): ")
                .containsPattern("verification/dev\\.\\S+ Failed: Metric \"health\" assessed Failed");
        assertThat(verify.err()).containsPattern("error: verification dev\\.\\S+ of stage dev ended Failed");

        List<String> stages = kargo("get", "stages").out().lines().toList();
        assertThat(stages.get(0)).endsWith("VERIFICATION");
        assertThat(stages.get(1)).startsWith("dev").contains("Unhealthy", "Failed: Metric \"health\" assessed Failed")
                .endsWith("...");
        assertThat(stages.get(1).substring(stages.get(0).indexOf("VERIFICATION"))).hasSize(VerificationReport.CELL_WIDTH);
        assertThat(stages.get(2)).startsWith("uat").doesNotContain("Successful", "Failed");

        JsonNode dev = new ObjectMapper().readTree(kargo("get", "stages", "-o", "json").out()).at("/items/0");
        JsonNode last = dev.at("/status/lastVerification");
        assertThat(last.path("phase").asText()).isEqualTo("Failed");
        assertThat(last.path("message").asText()).startsWith("Metric \"health\" assessed Failed");
        assertThat(last.at("/metrics/0/name").asText()).isEqualTo("health");
        assertThat(last.at("/metrics/0/phase").asText()).isEqualTo("Failed");
        assertThat(last.at("/metrics/0/measurements")).singleElement()
                .satisfies(m -> assertThat(m.at("/value/statusCode").asInt()).isEqualTo(500));

        List<String> verifications = kargo("get", "verifications", "--stage", "dev").out().lines().toList();
        assertThat(verifications.get(0)).startsWith("NAME").contains("STAGE", "FREIGHT", "PHASE", "AGE", "MESSAGE");
        assertThat(verifications.get(1)).contains(" dev ", "first", "Successful");
        assertThat(verifications.get(2)).contains(" dev ", "first", "Failed", "Metric \"health\" assessed Failed");
        assertThat(verifications).hasSize(3);
    }

    @Test
    void abortsAQueuedVerificationAtOnce() throws Exception {
        assertThat(kargo("promote", "--stage", "dev", "--freight-alias", "first").exitCode()).isZero();
        VerificationRun queued;
        try (KargoEngine engine = KargoEngine.open(state, CredentialsProvider.NONE, EventSink.NONE)) {
            queued = engine.verifyStage("shop", "dev", "someone");
        }
        KargoRun again = kargo("verify", "stage", "dev");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).contains("stage dev has a verification under way", "kargo verify stage dev --abort");

        KargoRun abort = kargo("verify", "stage", "dev", "--abort");
        assertThat(abort.exitCode()).as(abort.err()).isZero();
        assertThat(abort.out()).isEqualTo("verification/" + queued.name() + " aborted" + System.lineSeparator());
        try (KargoStore store = KargoStore.open(state)) {
            VerificationRun aborted = store.verifications().get("shop", queued.name()).orElseThrow();
            assertThat(aborted.phase()).isEqualTo(VerificationPhase.Aborted);
            assertThat(aborted.message()).isEqualTo("aborted by " + USER + " before it started");
        }
        assertThat(kargo("get", "verifications").out()).contains(queued.name(), "Aborted",
                "aborted by " + USER + " before it started");

        KargoRun nothing = kargo("verify", "stage", "dev", "--abort");
        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(nothing.err()).contains("stage dev has no verification under way");
    }

    @Test
    void aVerificationWaitingForAPersonSaysHowToDecideEndsAsDecidedAndIsAbortedWhileItWaits() throws Exception {
        assertThat(kargo("promote", "--stage", "dev", "--freight-alias", "first").exitCode()).isZero();
        KargoRun early = kargo("reject", "--freight-alias", "first", "--stage", "uat");
        assertThat(early.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(early.err()).contains("no verification of Freight first waits for a decision in stage uat");

        ConsoleWatch promoteErr = new ConsoleWatch();
        CompletableFuture<KargoRun> promote = CompletableFuture.supplyAsync(() ->
                KargoRun.of(state, promoteErr, "promote", "--stage", "uat", "--freight-alias", "first"));
        promoteErr.await("waits for a person: approve when UAT has passed", WAIT);
        assertThat(promoteErr.toString()).containsPattern("verification/uat\\.\\S+ of Freight first in stage uat waits")
                .containsPattern("  approve: kargo approve --freight [0-9a-f]{40} --stage uat --project shop")
                .containsPattern("  reject:  kargo reject --freight [0-9a-f]{40} --stage uat --project shop");
        assertThat(kargo("get", "stages").out().lines().filter(l -> l.startsWith("uat")).findFirst().orElseThrow())
                .endsWith("Running");

        KargoRun approve = kargo("approve", "--freight-alias", "first", "--stage", "uat");
        assertThat(approve.exitCode()).as(approve.err()).isZero();
        assertThat(approve.out()).isEqualTo("freight/first signed off in the verification of stage uat"
                + System.lineSeparator());
        KargoRun promoted = promote.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(promoted.exitCode()).as(promoted.err()).isZero();
        assertThat(promoted.out()).contains("  metric uat-sign-off: Successful (1 measurement)")
                .containsPattern("verification/uat\\.\\S+ Successful: approved by " + USER);
        assertThat(kargo("get", "stages").out().lines().filter(l -> l.startsWith("uat")).findFirst().orElseThrow())
                .contains("Healthy").endsWith("Successful (approved by " + USER + ")");

        ConsoleWatch verifyErr = new ConsoleWatch();
        CompletableFuture<KargoRun> verify = CompletableFuture.supplyAsync(() ->
                KargoRun.of(state, verifyErr, "verify", "stage", "uat"));
        verifyErr.await("waits for a person's decision", WAIT);
        KargoRun reject = kargo("reject", "--freight-alias", "first", "--stage", "uat");
        assertThat(reject.exitCode()).as(reject.err()).isZero();
        assertThat(reject.out()).containsPattern("freight/first rejected in verification/uat\\.\\S+ of stage uat");
        KargoRun rejected = verify.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(rejected.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(rejected.out()).contains("  metric uat-sign-off: Failed (1 measurement)")
                .containsPattern("verification/uat\\.\\S+ Failed: .*rejected by " + USER);
        assertThat(kargo("get", "stages").out().lines().filter(l -> l.startsWith("uat")).findFirst().orElseThrow())
                .contains("Unhealthy", "Failed: ");

        ConsoleWatch abortedErr = new ConsoleWatch();
        CompletableFuture<KargoRun> waiting = CompletableFuture.supplyAsync(() ->
                KargoRun.of(state, abortedErr, "verify", "stage", "uat"));
        abortedErr.await("waits for a person's decision", WAIT);
        KargoRun abort = kargo("verify", "stage", "uat", "--abort");
        assertThat(abort.exitCode()).as(abort.err()).isZero();
        assertThat(abort.out()).containsPattern("verification/uat\\.\\S+ will abort before its next measurement");
        KargoRun aborted = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(aborted.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(aborted.out()).containsPattern("verification/uat\\.\\S+ Failed: Verification aborted by user");
    }
}
