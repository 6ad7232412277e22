package io.jenkins.plugins.kargo.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.application.Kargo;
import io.jenkins.plugins.kargo.application.command.ConfigInput;
import io.jenkins.plugins.kargo.application.outcome.DeliveryOutcome;
import io.jenkins.plugins.kargo.application.view.ViewJson;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.GitOpsProject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Every route of the Freight view's API over a real engine (GitOpsProject: real git, a real sign-off): what each
 * answers, with which status, and the errors, as any server in front (kargo serve, Jenkins) passes them on.
 * Authentication, CSRF and origins are the servers' part, tested with each of them.
 */
class FreightViewRoutesTest {

    private static final String ADMIN = "admin@example.com";
    private static final String P = "/projects/shop";

    @TempDir
    Path dir;

    private Kargo kargo;
    private Router router;
    private final AtomicInteger wakes = new AtomicInteger();

    /** An answer as a server would write it: status, JSON body, and the access the route asked for. */
    private record Answer(int status, JsonNode json, Access access) {
        String error() {
            return json.path("error").path("code").asText() + ": " + json.path("error").path("message").asText();
        }
    }

    @BeforeEach
    void start() throws Exception {
        GitOpsProject project = GitOpsProject.create(dir, null, List.of(ADMIN));
        kargo = Kargo.builder(dir.resolve("state")).build();
        kargo.commands().apply(ConfigInput.path(project.directory()), "alice");
        router = FreightViewRoutes.router(kargo, wakes::incrementAndGet);
    }

    @AfterEach
    void close() {
        kargo.close();
    }

    private Answer get(String path) {
        return call("GET", path, "", "");
    }

    private Answer post(String path, String body, String actor) {
        return call("POST", path, body, actor);
    }

    private Answer call(String method, String pathAndQuery, String body, String actor) {
        String[] parts = pathAndQuery.split("\\?", 2);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.computeIfAbsent(kv[0], k -> new ArrayList<>())
                        .add(URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
        }
        Access access = null;
        try {
            Router.Match match = router.match(method, parts[0]);
            access = match.access();
            ApiResponse response = match.handler().handle(new ApiRequest(match.params(), query, body, actor));
            return new Answer(response.status(), ViewJson.mapper().valueToTree(response.body()), access);
        } catch (Exception e) {
            ApiException error = ApiErrors.of(e);
            assertThat(error.status()).as("%s %s: %s", method, pathAndQuery, e).isLessThan(500);
            return new Answer(error.status(), ViewJson.mapper().valueToTree(error.body()), access);
        }
    }

    /** A field of each element of an array. */
    private static List<String> each(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }

    private Freight freight(String alias, int minute, String tag) {
        try (KargoStore store = KargoStore.open(dir.resolve("state"))) {
            return store.freight().create(GitOpsProject.PROJECT, new Freight("", alias, FreightOrigin.warehouse("images"),
                    Instant.parse("2026-12-04T10:00:00Z").plusSeconds(60L * minute), List.of(new FreightImage(
                    GitOpsProject.IMAGE, tag, "sha256:" + "0".repeat(60) + String.format("%04d", minute), Map.of(), "")),
                    List.of(), List.of(), List.of())).freight();
        }
    }

    /** Promotes through the API and runs the stage's queue here, as kargo serve's loop would. */
    private String promoteAndRun(String stage, String freight, String actor) throws Exception {
        Answer promoted = post(P + "/stages/" + stage + "/promote", "{\"freight\": \"" + freight + "\"}", actor);
        assertThat(promoted.status()).as(promoted.error()).isEqualTo(202);
        kargo.commands().runQueue(GitOpsProject.PROJECT, stage);
        return promoted.json().path("name").asText();
    }

    @Test
    void readsAnswerTheReadModelAsItIs() throws Exception {
        freight("first", 1, "1.0.0");
        freight("second", 2, "1.1.0-beta.1");
        String promotion = promoteAndRun("dev", "first", "bob");

        assertThat(get("/projects").json()).hasToString("[\"shop\"]");
        Answer pipeline = get(P + "/pipeline");
        assertThat(pipeline.status()).isEqualTo(200);
        assertThat(pipeline.access()).isEqualTo(Access.READ);
        assertThat(each(pipeline.json().path("stages"), "name")).containsExactly("dev", "uat", "prod");
        assertThat(pipeline.json().path("edges").toString()).isEqualTo("[{\"from\":\"Warehouse/images\",\"to\":\"dev\"},"
                + "{\"from\":\"Stage/dev\",\"to\":\"uat\"},{\"from\":\"Stage/uat\",\"to\":\"prod\"}]");
        assertThat(pipeline.json().path("theme").asText()).isEqualTo("light");
        assertThat(pipeline.json().path("refreshInterval").asText()).isEqualTo("PT30S");
        JsonNode dev = pipeline.json().path("stages").get(0);
        assertThat(dev.path("artifacts").get(0).path("version").asText()).isEqualTo("1.0.0");
        assertThat(dev.path("lastPromotion").path("name").asText()).isEqualTo(promotion);
        assertThat(pipeline.json().path("stages").get(1).path("waitingFreight").path("alias").asText()).isEqualTo("first");

        Answer detail = get(P + "/stages/dev");
        assertThat(detail.json().path("history").get(0).path("freight").get(0).path("versions").asText()).isEqualTo("1.0.0");
        assertThat(each(detail.json().path("promotions").get(0).path("steps"), "alias"))
                .containsExactly("step-1", "set-image", "commit", "push");
        assertThat(get(P + "/promotions/" + promotion).json().path("phase").asText()).isEqualTo("Succeeded");
        assertThat(get(P + "/warehouses").json().get(0).path("name").asText()).isEqualTo("images");

        Answer uat = get(P + "/stages/uat/availability?freight=first");
        assertThat(uat.json().path("available").asBoolean()).isTrue();
        assertThat(uat.json().path("reason").asText()).isEqualTo("verified in dev");
        assertThat(get(P + "/stages/prod/availability?freight=second").json().path("reason").asText())
                .isEqualTo("not verified in uat");
    }

    @Test
    void theTimelineTakesItsFiltersAndPageFromTheQuery() {
        freight("first", 1, "1.0.0");
        freight("second", 2, "1.1.0-beta.1");
        freight("third", 3, "1.2.0-alpha.1");

        Answer all = get(P + "/freight");
        assertThat(each(all.json().path("freight"), "alias")).containsExactly("third", "second", "first");
        assertThat(all.json().path("total").asInt()).isEqualTo(3);
        assertThat(all.json().path("limit").asInt()).isEqualTo(50);
        assertThat(all.json().path("artifacts").toString()).isEqualTo("[\"" + GitOpsProject.IMAGE + "\"]");
        assertThat(all.json().path("freight").get(0).path("maturity").asText()).isEqualTo("alpha");
        assertThat(each(all.json().path("freight").get(0).path("availability"), "stage"))
                .containsExactly("dev", "uat", "prod");

        assertThat(each(get(P + "/freight?maturity=beta&maturity=stable").json().path("freight"), "alias"))
                .containsExactly("second", "first");
        Answer filtered = get(P + "/freight?q=1.2&warehouse=images&artifact=" + GitOpsProject.IMAGE);
        assertThat(each(filtered.json().path("freight"), "alias")).containsExactly("third");
        Answer page = get(P + "/freight?offset=1&limit=1");
        assertThat(each(page.json().path("freight"), "alias")).containsExactly("second");
        assertThat(page.json().path("total").asInt()).isEqualTo(3);

        assertThat(get(P + "/freight?limit=500").error())
                .isEqualTo("bad-request: query parameter limit must be a whole number from 1 to 200, not \"500\"");
        assertThat(get(P + "/freight?maturity=gamma").error())
                .isEqualTo("bad-request: maturity 'gamma' is not one of alpha, beta, stable");
        assertThat(get(P + "/freight?warehouse=charts").error()).startsWith("not-found: warehouse charts not found");
    }

    @Test
    void unknownNamesAreNotFoundAndListWhatIsKnown() {
        assertThat(get("/projects/other/pipeline").error()).isEqualTo("not-found: project other not found; projects: shop");
        assertThat(get(P + "/stages/qa").error()).isEqualTo("not-found: stage qa not found in project shop; stages: dev, uat, prod");
        assertThat(get(P + "/promotions/nope").status()).isEqualTo(404);
        assertThat(get(P + "/verifications/nope").status()).isEqualTo(404);
        assertThat(get(P + "/stages/dev/availability?freight=nope").error()).startsWith("not-found: Freight nope not found");
        assertThat(get(P + "/stages/dev/availability").error())
                .isEqualTo("bad-request: query parameter freight is required: a Freight's name or alias");
        assertThat(get("/nothing").status()).isEqualTo(404);
        assertThat(get(P + "/stages/dev/promote").error())
                .isEqualTo("method-not-allowed: GET is not allowed on /projects/shop/stages/dev/promote; allowed: POST");
    }

    @Test
    void aPromotionIsQueuedAsTheActorAndTheLoopWoken() {
        Freight first = freight("first", 1, "1.0.0");

        Answer promoted = post(P + "/stages/dev/promote", "{\"freight\": \"first\"}", "bob");

        assertThat(promoted.status()).isEqualTo(202);
        assertThat(promoted.access()).isEqualTo(Access.WRITE);
        assertThat(promoted.json().path("stage").asText()).isEqualTo("dev");
        assertThat(promoted.json().path("freight").path("name").asText()).isEqualTo(first.name());
        assertThat(wakes).hasValue(1);
        String name = promoted.json().path("name").asText();
        assertThat(get(P + "/promotions/" + name).json().path("actor").asText()).isEqualTo("bob");
        assertThat(get(P + "/promotions/" + name).json().path("phase").asText()).isEqualTo("Pending");

        Answer aborted = post(P + "/promotions/" + name + "/abort", "", "carol");
        assertThat(aborted.json().path("abortedNow").asBoolean()).isTrue();
        assertThat(post(P + "/promotions/" + name + "/abort", "", "carol").error())
                .isEqualTo("refused: promotion " + name + " has already ended (Aborted); there is nothing to abort");
    }

    @Test
    void aWriteTheEngineRefusesSaysWhy() {
        freight("first", 1, "1.0.0");

        assertThat(post(P + "/stages/uat/promote", "{\"freight\": \"first\"}", "bob").error()).startsWith(
                "refused: Freight first (").endsWith(") is not available to stage uat: not verified in dev");
        assertThat(post(P + "/stages/dev/promote", "", "bob").error())
                .isEqualTo("bad-request: the body must name the Freight: {\"freight\": \"NAME or ALIAS\"}");
        assertThat(post(P + "/stages/dev/promote", "{\"freight\": 3}", "bob").error())
                .isEqualTo("bad-request: \"freight\" must be a Freight's name or alias, as text");
        assertThat(post(P + "/stages/dev/promote", "{freight", "bob").error()).startsWith("bad-request: the body is not JSON");
        assertThat(post(P + "/stages/dev/rollback", "{}", "bob").error()).startsWith("refused: ").contains("no previous Freight");
        assertThat(post(P + "/stages/dev/verify", "", "bob").error())
                .isEqualTo("refused: stage dev has no verification to run");
        assertThat(wakes).as("nothing queued").hasValue(0);
    }

    @Test
    void onlyAnAdminMayApproveAndTheOthersAreForbidden() {
        freight("first", 1, "1.0.0");

        assertThat(post(P + "/stages/uat/approve", "{\"freight\": \"first\"}", "mallory"))
                .satisfies(a -> assertThat(a.status()).isEqualTo(403))
                .satisfies(a -> assertThat(a.error()).isEqualTo("forbidden: mallory may not approve Freight in stage uat: "
                        + "only " + ADMIN + " may (the dashboard's rbac.adminUsers)"));
        Answer approved = post(P + "/stages/uat/approve", "{\"freight\": \"first\"}", ADMIN);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json()).hasToString("{\"result\":\"APPROVED\"}");
        assertThat(post(P + "/stages/uat/approve", "{\"freight\": \"first\"}", ADMIN).json())
                .hasToString("{\"result\":\"ALREADY_APPROVED\"}");
        assertThat(get(P + "/stages/uat").json().path("decisions").get(0).path("actor").asText()).isEqualTo(ADMIN);
    }

    @Test
    void aSignOffIsRejectedAndTheStageCanBeVerifiedAgainThenTheVerificationAborted() throws Exception {
        freight("first", 1, "1.0.0");
        promoteAndRun("dev", "first", "bob");
        Answer promoted = post(P + "/stages/uat/promote", "{\"freight\": \"first\"}", ADMIN);
        CompletableFuture<Boolean> queue = CompletableFuture.supplyAsync(() -> {
            try {
                return kargo.commands().runQueue(GitOpsProject.PROJECT, "uat"); // the verification waits for a person
            } catch (ConfigException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(kargo.outcomes().promotion(GitOpsProject.PROJECT, promoted.json().path("name").asText())
                .get(60, TimeUnit.SECONDS)).isInstanceOf(DeliveryOutcome.WaitingForDecision.class);
        assertThat(get(P + "/stages/uat").json().path("card").path("waitsForDecision").asBoolean()).isTrue();

        assertThat(post(P + "/stages/uat/reject", "{\"freight\": \"first\"}", "mallory").status()).isEqualTo(403);
        Answer rejected = post(P + "/stages/uat/reject", "{\"freight\": \"first\"}", ADMIN);
        assertThat(rejected.status()).as(rejected.error()).isEqualTo(200);
        assertThat(queue.get(60, TimeUnit.SECONDS)).isTrue();
        String verification = rejected.json().path("name").asText();
        assertThat(get(P + "/verifications/" + verification).json().path("decision").path("approved").asBoolean()).isFalse();
        assertThat(get(P + "/stages/uat").json().path("card").path("health").asText()).isEqualTo("Unhealthy");

        Answer again = post(P + "/stages/uat/verify", "", ADMIN);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("freight").get(0).path("alias").asText()).isEqualTo("first");
        Answer aborted = post(P + "/stages/uat/abort-verification", "", "carol");
        assertThat(aborted.status()).isEqualTo(200);
        assertThat(aborted.json().path("name").asText()).isEqualTo(again.json().path("name").asText());
        assertThat(aborted.json().path("abortedNow").asBoolean()).as("still queued: aborted at once").isTrue();
        assertThat(post(P + "/stages/uat/abort-verification", "", "carol").status()).isEqualTo(404);
    }

    @Test
    void aRollbackHoldsTheStageUntilTheHoldIsReleased() throws Exception {
        freight("first", 1, "1.0.0");
        freight("second", 2, "1.1.0");
        promoteAndRun("dev", "first", "bob");
        promoteAndRun("dev", "second", "bob");

        Answer preview = post(P + "/stages/dev/preview", "{\"freight\": \"first\"}", "bob");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.access()).isEqualTo(Access.WRITE);
        assertThat(preview.json().path("changes").get(0).path("from").asText()).isEqualTo("1.1.0");
        assertThat(preview.json().path("changes").get(0).path("to").asText()).isEqualTo("1.0.0");
        assertThat(preview.json().path("commits").get(0).path("diff").asText()).contains("+    newTag: 1.0.0");

        Answer rolledBack = post(P + "/stages/dev/rollback", "{\"freight\": \"first\"}", "bob");
        assertThat(rolledBack.status()).as(rolledBack.error()).isEqualTo(202);
        assertThat(rolledBack.json().path("freight").path("alias").asText()).isEqualTo("first");
        kargo.commands().runQueue(GitOpsProject.PROJECT, "dev");
        assertThat(get(P + "/stages/dev").json().path("card").path("hold").path("actor").asText()).isEqualTo("bob");

        assertThat(post(P + "/stages/dev/release-hold", "", "bob").json()).hasToString("{\"released\":true}");
        assertThat(post(P + "/stages/dev/release-hold", "", "bob").json()).hasToString("{\"released\":false}");
    }

    @Test
    void aConfigurationThatNoLongerLoadsIsUnprocessable() {
        ApiException error = ApiErrors.of(new ConfigException(List.of(ConfigProblem.error(
                new SourceLocation("shop.yaml", 3, "spec"), "unknown field 'sepc'", "write 'spec'"))));
        assertThat(error.status()).isEqualTo(422);
        assertThat(error.code()).isEqualTo("invalid-configuration");
        assertThat(error.getMessage()).startsWith("the project's stored configuration no longer loads: ").contains("sepc");
    }
}
