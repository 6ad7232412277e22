package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.VerificationTicket;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
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
        Files.writeString(config.resolve("shop.yaml"), ShopProject.header("registry.local/app", ShopProject.AUTO_PROMOTE_DEV)
                + ShopProject.smokeTemplate("smoke", "http://127.0.0.1:" + health.getAddress().getPort() + "/health") + """
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
                """
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
        return GitopsStage.yaml(name, sources, "registry.local/app", gitops.fileUrl(), "", """
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
        assertThat(stages.get(1).substring(stages.get(0).indexOf("VERIFICATION"))).hasSize(60); // the report's cell width
        assertThat(stages.get(2)).startsWith("uat").doesNotContain("Successful", "Failed");

        JsonNode dev = new ObjectMapper().readTree(kargo("get", "stages", "-o", "json").out()).at("/items/0");
        JsonNode last = dev.at("/status/lastVerification");
        assertThat(last.path("id").asText()).matches("dev\\.[0-9a-z]{26}\\.[0-9a-f]{7}");
        assertThat(last.path("actor").asText()).isEqualTo(USER);
        assertThat(last.path("phase").asText()).isEqualTo("Failed");
        assertThat(Instant.parse(last.path("finishTime").asText())).isAfterOrEqualTo(Instant.parse(last.path("startTime").asText()));
        assertThat(last.path("analysisRun")).isEqualTo(new ObjectMapper().createObjectNode().put("namespace", "shop")
                .put("name", last.path("id").asText()).put("phase", "Failed"));
        assertThat(last.path("stage").asText()).isEqualTo("dev");
        assertThat(last.has("kind")).isFalse();
        assertThat(last.path("message").asText()).startsWith("Metric \"health\" assessed Failed");
        assertThat(last.at("/metrics/0/name").asText()).isEqualTo("health");
        assertThat(last.at("/metrics/0/phase").asText()).isEqualTo("Failed");
        assertThat(last.at("/metrics/0/measurements")).singleElement()
                .satisfies(m -> assertThat(m.at("/value/statusCode").asInt()).isEqualTo(500));

        JsonNode infos = new ObjectMapper().readTree(kargo("get", "verifications", "--stage", "dev", "-o", "json").out());
        assertThat(infos.isArray()).as("a plain list: a verification is no Kargo resource").isTrue();
        assertThat(infos).hasSize(2);
        assertThat(infos.get(1)).as("get stages and get verifications show a verification alike").isEqualTo(last);
        assertThat(infos.get(0).path("phase").asText()).isEqualTo("Successful");
        assertThat(infos.get(0).path("promotion").asText()).matches("dev\\.\\S+");
        assertThat(infos.get(0).at("/analysisRun/phase").asText()).isEqualTo("Successful");
        assertThat(infos.get(0).at("/metrics/0/measurements/0/value/statusCode").asInt()).isEqualTo(200);
        assertThat(dev.at("/status/history/0/verificationHistory")).as("Kargo's stack: newest first")
                .containsExactly(infos.get(1), infos.get(0));
        assertThat(infos.get(0).has("message")).as("left out when empty, as Kargo does").isFalse();
        assertThat(new ObjectMapper(new YAMLFactory()).readTree(kargo("get", "verifications", "--stage", "dev", "-o",
                "yaml").out())).isEqualTo(infos);

        List<String> verifications = kargo("get", "verifications", "--stage", "dev").out().lines().toList();
        assertThat(verifications.get(0)).startsWith("NAME").contains("STAGE", "FREIGHT", "PHASE", "AGE", "MESSAGE");
        assertThat(verifications.get(1)).contains(" dev ", "first", "Successful");
        assertThat(verifications.get(2)).contains(" dev ", "first", "Failed", "Metric \"health\" assessed Failed");
        assertThat(verifications).hasSize(3);
    }

    @Test
    void refreshStageReportsTheVerificationThatFollowsTheAutoPromotion() throws Exception {
        status.set(500);
        KargoRun refresh = kargo("refresh", "stage", "dev");
        assertThat(refresh.exitCode()).as(refresh.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(refresh.out())
                .containsPattern("stage/dev refreshed: promotion/dev\\.\\S+ of Freight [0-9a-f]{40} auto-promoted")
                .contains("  step-4 (git-push): Succeeded")
                .containsPattern("promotion/dev\\.\\S+ Succeeded")
                .contains("  metric health: Failed (1 measurement): ")
                .containsPattern("verification/dev\\.\\S+ Failed: Metric \"health\" assessed Failed");
        assertThat(refresh.err()).containsPattern("error: verification dev\\.\\S+ of stage dev ended Failed");

        KargoRun again = kargo("refresh", "stage", "dev");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo("stage/dev refreshed: nothing to auto-promote" + System.lineSeparator());
    }

    @Test
    void promoteWaitWaitsForTheVerificationAnotherProcessRunsAndSaysHowToDecideIt() throws Exception {
        // two Freight: a verification of Freight verified in the stage before reuses that result
        try (KargoStore store = KargoStore.open(state)) {
            store.freight().create("shop", new Freight("", "second", FreightOrigin.warehouse("images"), null,
                    List.of(new FreightImage("registry.local/app", "v1.1.0", "sha256:" + "b".repeat(64), Map.of(), "")),
                    List.of(), List.of(), List.of()));
        }
        for (String freight : List.of("first", "second")) {
            assertThat(kargo("promote", "--stage", "dev", "--freight-alias", freight).exitCode()).isZero();
        }
        ConsoleWatch runnerErr = new ConsoleWatch();
        CompletableFuture<KargoRun> runner = CompletableFuture.supplyAsync(() ->
                KargoRun.of(state, runnerErr, "promote", "--stage", "uat", "--freight-alias", "first"));
        runnerErr.await("waits for a person's decision", WAIT);

        // the stage's queue is the runner's now: this promotion, and its verification, are run there
        ConsoleWatch waiterOut = new ConsoleWatch();
        ConsoleWatch waiterErr = new ConsoleWatch();
        CompletableFuture<KargoRun> waiter = CompletableFuture.supplyAsync(() -> KargoRun.of(state, waiterOut, waiterErr,
                "promote", "--stage", "uat", "--freight-alias", "second", "--wait"));
        waiterOut.await("another kargo process is running stage uat's promotions; waiting", WAIT);
        KargoRun approve = kargo("approve", "--freight-alias", "first", "--stage", "uat");
        assertThat(approve.exitCode()).as(approve.err()).isZero();

        waiterErr.await("waits for a person's decision", WAIT);
        String waited;
        try (KargoStore store = KargoStore.open(state)) {
            String promotion = store.promotions().list("shop", "uat").get(1).name();
            waited = store.verifications().list("shop", "uat").stream().filter(v -> v.promotion().equals(promotion))
                    .findFirst().orElseThrow().name();
        }
        assertThat(waiterErr.toString()).contains("verification/" + waited + " of Freight second in stage uat waits")
                .containsPattern("  approve: kargo approve --freight [0-9a-f]{40} --stage uat --project shop")
                .containsPattern("  reject:  kargo reject --freight [0-9a-f]{40} --stage uat --project shop");
        KargoRun reject = kargo("reject", "--freight-alias", "second", "--stage", "uat");
        assertThat(reject.exitCode()).as(reject.err()).isZero();
        assertThat(reject.out()).contains("rejected in verification/" + waited);

        KargoRun waiterRun = waiter.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(waiterRun.exitCode()).as(waiterRun.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(waiterRun.out()).contains("another kargo process is running stage uat's promotions; waiting")
                .containsPattern("promotion/uat\\.\\S+ Succeeded")
                .containsPattern("verification/" + waited + " (Pending|Running): another kargo process runs it; waiting")
                .contains("  metric uat-sign-off: Failed (1 measurement)")
                .containsPattern("verification/" + waited + " Failed: .*rejected by " + USER);
        assertThat(waiterRun.err()).contains("error: verification " + waited + " of stage uat ended Failed");
        KargoRun ran = runner.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(ran.exitCode()).as("the runner reports its own promotion's verification").isZero();
        assertThat(ran.out()).containsPattern("verification/uat\\.\\S+ Successful: approved by " + USER)
                .doesNotContain(waited);
    }

    @Test
    void abortsAQueuedVerificationAtOnce() throws Exception {
        assertThat(kargo("promote", "--stage", "dev", "--freight-alias", "first").exitCode()).isZero();
        VerificationTicket queued;
        try (Kargo kargo = Kargo.builder(state).build()) {
            queued = kargo.commands().verify("shop", "dev", "someone");
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
        JsonNode info = new ObjectMapper().readTree(kargo("get", "verifications", "-o", "json").out()).get(1);
        assertThat(info.path("id").asText()).isEqualTo(queued.name());
        assertThat(info.path("actor").asText()).as("Kargo's actor: who aborted it").isEqualTo(USER);
        assertThat(info.path("phase").asText()).isEqualTo("Aborted");
        assertThat(info.has("analysisRun")).as("no analysis ran").isFalse();
        assertThat(info.has("startTime")).isFalse();
        assertThat(info.has("finishTime")).isTrue();

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
