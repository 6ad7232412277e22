package io.jenkins.plugins.kargo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.testkit.ShopProject;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expression attacks of the 2026-12-04 review, end to end through {@code kargo apply}, {@code kargo promote},
 * {@code kargo verify} and {@code kargo serve}: Freight data spliced into an {@code http} step's expression or an
 * analysis argument stays a value; a runaway regex, nested closures, nesting past the limit and a range in a body
 * end the step Errored or the measurement an Error with the reason, within the time bound; nothing is left Running,
 * the commands exit with their usual codes, no thread keeps running the engine, and {@code kargo serve} goes on.
 */
class ExpressionSafetyCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REPO = "https://git.example/app.git";
    private static final String INJECTION = "x' || true || '";

    @TempDir
    Path temp;

    Path state;
    HttpServer server;
    String base;

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String items = IntStream.rangeClosed(1, 1000).mapToObj(String::valueOf).collect(Collectors.joining(","));
        server.createContext("/version", exchange -> {
            byte[] body = ("{\"version\": \"1.4.0\", \"name\": \"" + "a".repeat(40) + "b\", \"items\": [" + items
                    + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        state = temp.resolve("state");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Applies the shop project with these stages and templates, and makes Freight {@code first} by hand. */
    private void project(String policies, String... resources) throws Exception {
        Path config = Files.createDirectories(temp.resolve("kargo"));
        Files.writeString(config.resolve("shop.yaml"), ShopProject.header("registry.local/app", policies)
                + String.join("", resources));
        KargoRun apply = KargoRun.of(state, "apply", "-f", config.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        try (KargoStore store = KargoStore.open(state)) {
            store.freight().create("shop", new Freight("", "first", FreightOrigin.warehouse("images"), null,
                    List.of(new FreightImage("registry.local/app", "v1.4.0", "sha256:" + "a".repeat(64), Map.of(),
                            "")), List.of(),
                    List.of(new FreightCommit(REPO, "c0ffee", "main", "", INJECTION, "mallory", "mallory", "")),
                    List.of()));
        }
    }

    /**
     * A stage taking Freight directly, whose one step is an http request with {@code config} (YAML lines); a response
     * that meets neither criterion ends it at once (retry timeout 0s) instead of polling it as Running.
     */
    private static String httpStage(String name, String config, String verification) {
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
                      sources: {direct: true}
                  promotionTemplate:
                    spec:
                      steps:
                        - uses: http
                          as: check
                          retry: {timeout: 0s}
                          config:
                """.formatted(name) + config.strip().indent(14) + verification.indent(2);
    }

    /** A template whose one metric ends at its first Error (Argo would measure again four times, 10 s apart). */
    private static String template(String name, String condition, String url) {
        return """
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata:
                  name: %s
                  namespace: shop
                spec:
                  args:
                    - name: msg
                      value: none
                  metrics:
                    - name: check
                      successCondition: %s
                      consecutiveErrorLimit: 0
                      provider:
                        web:
                          url: %s
                """.formatted(name, condition, url);
    }

    private static String verification(String template, String args) {
        return """
                verification:
                  analysisTemplates: [{name: %s}]
                """.formatted(template) + args;
    }

    @Test
    void promoteEndsEachAttackedStepErroredAndLeavesNothingRunning() throws Exception {
        Files.createDirectories(state);
        // the operator's limits apply at run time; kargo apply parses with the defaults
        Files.writeString(state.resolve("settings.yaml"), "expressions:\n  maxDepth: 40\n");
        String url = "url: " + base + "/version\n";
        project("",
                httpStage("inject", url + "successExpression: \"response.status == 599 && response.body.version"
                        + " == '${{ commitFrom('" + REPO + "').Message }}'\"", ""),
                httpStage("regex", url + "successExpression: response.body.name matches '^(.*a){12}$'", ""),
                httpStage("closures", url + "successExpression: all(response.body.items, {all(response.body.items,"
                        + " {all(response.body.items, {# > 0})})})", ""),
                httpStage("nesting", url + "successExpression: " + "(".repeat(60) + "true" + ")".repeat(60), ""),
                httpStage("range", url + "method: POST\nbody: ${{ [1..2000000000] }}", ""),
                httpStage("fine", url + "successExpression: response.body.version == '${{ imageFrom('registry.local/"
                        + "app').Tag | trimPrefix('v') }}'", ""));

        Map<String, String> reasons = Map.of(
                "inject", "HTTP 200 response met neither the success nor the failure criteria",
                "regex", "HTTP 200 response met neither the success nor the failure criteria",
                "closures", "took more than 2000000 steps",
                "nesting", "is nested deeper than 40 levels (the limit)",
                "range", "would make a list or map of 2000000000 elements");
        for (Map.Entry<String, String> attack : reasons.entrySet()) {
            long start = System.nanoTime();
            KargoRun promote = KargoRun.of(state, "promote", "--stage", attack.getKey(), "--freight-alias", "first");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(promote.exitCode()).as(promote.out() + promote.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(promote.out() + promote.err()).contains(attack.getValue());
            assertThat(took).as("stage %s", attack.getKey()).isLessThan(WAIT);
            assertNoThreadRunsTheEngine();
        }
        KargoRun fine = KargoRun.of(state, "promote", "--stage", "fine", "--freight-alias", "first");
        assertThat(fine.exitCode()).as(fine.out() + fine.err()).isZero();

        try (KargoStore store = KargoStore.open(state)) {
            for (String stage : reasons.keySet()) {
                assertThat(store.promotions().list("shop", stage)).singleElement()
                        .extracting(Promotion::phase).isEqualTo(PromotionPhase.Errored);
            }
        }
    }

    @Test
    void applyRefusesDeepNestingAndUnknownNamesWithFileLineAndField() throws Exception {
        Path config = Files.createDirectories(temp.resolve("kargo"));
        String deep = "(".repeat(1000) + "result.statusCode == 200" + ")".repeat(1000);
        Files.writeString(config.resolve("shop.yaml"), ShopProject.header("registry.local/app", "")
                + template("deep", deep, base + "/version")
                + template("closure", "all(result.items, {# > 0 && all(result.items, __closure1)})",
                base + "/version"));
        KargoRun apply = KargoRun.of(state, "apply", "-f", config.toString());

        assertThat(apply.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(apply.err()).contains("shop.yaml:").contains("spec.metrics[0].successCondition")
                .contains("is nested deeper than 256 levels (the limit)")
                .contains("unknown variable __closure1; the variables here are result");
        assertThat(apply.err().length()).as("the 2 KB expression is not repeated").isLessThan(3000);
    }

    @Test
    void verifyMeasuresAttacksAsFailuresOrErrorsAndNothingStaysRunning() throws Exception {
        String url = "url: " + base + "/version\n";
        project("",
                template("injected", "\"result.version == '{{ args.msg }}'\"", base + "/version"),
                template("regex", "\"result.name matches '^(.*a){12}$'\"", base + "/version"),
                template("closures", "all(result.items, {all(result.items, {all(result.items, {# >"
                        + " 0})})})", base + "/version"),
                template("range", "len(1..2000000000) > 0", base + "/version"),
                httpStage("v-inject", url, verification("injected", """
                          args:
                            - name: msg
                              value: ${{ commitFrom('%s').Message }}
                        """.formatted(REPO))),
                httpStage("v-regex", url, verification("regex", "")),
                httpStage("v-closures", url, verification("closures", "")),
                httpStage("v-range", url, verification("range", "")));

        Map<String, VerificationPhase> phases = Map.of("v-inject", VerificationPhase.Failed,
                "v-regex", VerificationPhase.Failed, "v-closures", VerificationPhase.Error,
                "v-range", VerificationPhase.Error);
        Map<String, String> reasons = Map.of("v-inject", "successCondition", "v-regex", "successCondition",
                "v-closures", "took more than 2000000 steps", "v-range", "would make a list or map of 2000000000");
        for (String stage : phases.keySet()) {
            KargoRun promote = KargoRun.of(state, "promote", "--stage", stage, "--freight-alias", "first");
            assertThat(promote.exitCode()).as(promote.out() + promote.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(promote.out()).containsPattern("promotion/" + stage + "\\.\\S+ Succeeded")
                    .contains(reasons.get(stage));

            KargoRun verify = KargoRun.of(state, "verify", "stage", stage);
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(verify.out()).containsPattern("verification/" + stage + "\\.\\S+ "
                    + phases.get(stage).name()).contains(reasons.get(stage));
            assertNoThreadRunsTheEngine();
        }
        try (KargoStore store = KargoStore.open(state)) {
            for (String stage : phases.keySet()) {
                assertThat(store.verifications().list("shop", stage)).hasSize(2).extracting(VerificationRun::phase)
                        .containsOnly(phases.get(stage));
            }
        }
    }

    @Test
    void serveGoesOnWhenPromotionsAndVerificationsAreAttacked() throws Exception {
        String url = "url: " + base + "/version\n";
        project("- stage: dev\n  autoPromotionEnabled: true\n- stage: qa\n  autoPromotionEnabled: true\n"
                        + "- stage: ok\n  autoPromotionEnabled: true",
                template("regex", "\"result.name matches '^(.*a){12}$'\"", base + "/version"),
                httpStage("dev", url + "method: POST\nbody: ${{ [1..2000000000] }}", ""),
                httpStage("qa", url + "successExpression: \"response.status == 599 || response.body.version =="
                        + " '${{ commitFrom('" + REPO + "').Message }}'\"", ""),
                httpStage("ok", url, verification("regex", "")));

        ConsoleWatch err = new ConsoleWatch();
        FutureTask<KargoRun> serve = new FutureTask<>(() -> KargoRun.of(state, err, "serve", "--tick", "200ms",
                "--port", "0"));
        Thread serving = new Thread(serve, "kargo-serve-under-test");
        serving.start();
        err.await("into dev: Errored", WAIT);
        err.await("into qa: Errored", WAIT);
        err.await("into ok: Succeeded", WAIT);
        err.await("of stage ok: Failed", WAIT);
        serving.interrupt();
        KargoRun served = serve.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(served.exitCode()).as(served.err()).isZero();
        assertThat(served.err()).contains("would make a list or map of 2000000000 elements")
                .contains("met neither the success nor the failure criteria")
                .endsWith("stopped" + System.lineSeparator());
        try (KargoStore store = KargoStore.open(state)) {
            assertThat(store.promotions().list("shop", "dev")).extracting(Promotion::phase)
                    .containsOnly(PromotionPhase.Errored);
            assertThat(store.promotions().list("shop", "qa")).extracting(Promotion::phase)
                    .containsOnly(PromotionPhase.Errored);
        }
        assertNoThreadRunsTheEngine();
    }

    /** No thread but this one has the expression engine on its stack: nothing an evaluation started outlives it. */
    private static void assertNoThreadRunsTheEngine() {
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            if (entry.getKey() != Thread.currentThread()) {
                assertThat(Arrays.stream(entry.getValue()).anyMatch(f -> f.getClassName()
                        .startsWith("io.jenkins.plugins.kargo.expr."))).as("thread %s", entry.getKey().getName())
                        .isFalse();
            }
        }
    }
}
