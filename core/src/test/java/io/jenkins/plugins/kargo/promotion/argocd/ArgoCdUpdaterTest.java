package io.jenkins.plugins.kargo.promotion.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.argocd.FakeArgoCdController.Reaction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import io.jenkins.plugins.kargo.CrudKubernetesMock;
import io.jenkins.plugins.kargo.MockApiRequests;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code argocd-update} against fabric8's Kubernetes mock server in CRUD mode: no real Kubernetes API server (and
 * so no Argo CD) can run here. The mock stores Applications and serves watches like an API server;
 * {@link FakeArgoCdController} plays Argo CD's application controller, writing the Application status Argo CD
 * would when it sees a sync operation. Every wait in these tests is on a watch or a future, never a sleep.
 */
@ExtendWith(CrudKubernetesMock.class)
class ArgoCdUpdaterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GIT = "https://github.com/example/gitops.git";

    KubernetesMockServer server;
    KubernetesClient client;
    MockApiRequests requests;

    @TempDir
    Path workDir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    // ---- the happy path and what is patched ----

    @Test
    void syncsAtTheDesiredRevisionAndReportsWhatArgoCdSaid() throws Exception {
        createApp("guestbook-dev", "myapp:dev", """
                source: {repoURL: "https://github.com/example/gitops", path: env/dev, targetRevision: main,
                         kustomize: {images: ["nginx:1.0.0"]}}
                syncPolicy: {syncOptions: [CreateNamespace=true], retry: {limit: 3}}
                """, """
                operationState: {phase: Succeeded, operation: {info: [{name: kargo.akuity.io/promotion, value: dev.00old}]},
                                 syncResult: {revision: 0ld}}
                health: {status: Healthy}
                """);
        try (FakeArgoCdController argocd = FakeArgoCdController.syncingToTargetRevisions(client)) {
            StepResult result = run("kargo-controller", """
                    {"apps": [{"name": "guestbook-dev", "sources": [{"repoURL": "%s", "desiredRevision": "abc123",
                      "updateTargetRevision": true,
                      "kustomize": {"images": [{"repoURL": "nginx", "tag": "1.2.3"},
                                               {"repoURL": "redis", "digest": "sha256:feed", "newName": "mirror/redis"}]}}]}]}
                    """.formatted(GIT));

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(result.message()).contains("'argocd/guestbook-dev'", "operation Succeeded",
                    "successfully synced", "sync Synced at abc123", "health Healthy");
            assertThat(result.output().get("apps")).asInstanceOf(LIST).singleElement().asInstanceOf(MAP)
                    .containsEntry("name", "guestbook-dev").containsEntry("namespace", "argocd")
                    .containsEntry("operationPhase", "Succeeded").containsEntry("syncStatus", "Synced")
                    .containsEntry("revisions", List.of("abc123")).containsEntry("health", "Healthy");

            assertThat(argocd.syncRequests).hasSize(1);
            ArgoCdApplication seen = argocd.syncRequests.get(0);
            assertThat(seen.annotations()).containsEntry("argocd.argoproj.io/refresh", "hard");
            JsonNode source = seen.body().path("spec").path("source");
            assertThat(source.path("targetRevision").asText()).isEqualTo("abc123");
            assertThat(source.path("path").asText()).as("other source fields kept").isEqualTo("env/dev");
            assertThat(texts(source.path("kustomize").path("images")))
                    .containsExactly("nginx:1.2.3", "redis=mirror/redis@sha256:feed");
            JsonNode operation = seen.operation();
            assertThat(operation.path("initiatedBy").path("username").asText()).isEqualTo("kargo-controller");
            assertThat(operation.path("initiatedBy").path("automated").asBoolean()).isTrue();
            assertThat(operation.path("info").toString())
                    .contains("\"name\":\"Reason\"", "Promotion triggered a sync of this Application resource.")
                    .contains("{\"name\":\"kargo.akuity.io/promotion\",\"value\":\"dev.01abc\"}");
            assertThat(texts(operation.path("sync").path("syncOptions"))).containsExactly("CreateNamespace=true");
            assertThat(operation.path("retry").path("limit").asInt()).isEqualTo(3);
            assertThat(seen.operationState().isObject()).as("previous operation state cleared, as Kargo does")
                    .isFalse();
            assertThat(seen.body().path("status").path("health").path("status").asText()).isEqualTo("Healthy");
            assertThat(client.v1().events().inNamespace("argocd").list().getItems()).singleElement().satisfies(e -> {
                assertThat(e.getReason()).isEqualTo("OperationStarted");
                assertThat(e.getMessage()).isEqualTo("kargo-controller initiated sync to abc123");
                assertThat(e.getInvolvedObject().getName()).isEqualTo("guestbook-dev");
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("Application");
            });
        }
    }

    @Test
    void aManualPromotionSyncsInTheNameOfWhoAskedForIt() throws Exception {
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), null);
        try (FakeArgoCdController argocd = FakeArgoCdController.syncingToTargetRevisions(client)) {
            StepResult result = run("alice", "{\"apps\": [{\"name\": \"guestbook-dev\"}]}");

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            JsonNode initiatedBy = argocd.syncRequests.get(0).operation().path("initiatedBy");
            assertThat(initiatedBy.path("username").asText()).isEqualTo("alice");
            assertThat(initiatedBy.path("automated").asBoolean()).isFalse();
            assertThat(argocd.syncRequests.get(0).body().path("spec").path("source").path("targetRevision").asText())
                    .as("no source update asked for").isEqualTo("main");
        }
    }

    @Test
    void multiSourceApplicationsGetTheirHelmParametersUpsertedAndEachDesiredRevisionChecked() throws Exception {
        createApp("charts-dev", "myapp:dev", """
                sources:
                  - {repoURL: "https://charts.example.com", chart: guestbook, targetRevision: 1.0.0,
                     helm: {parameters: [{name: image.tag, value: 1.0.0, forceString: true}, {name: replicas, value: "2"}]}}
                  - {repoURL: "%s", path: values, targetRevision: main, ref: values}
                """.formatted(GIT), null);
        AtomicInteger gitSha = new AtomicInteger();
        try (FakeArgoCdController argocd = new FakeArgoCdController(client,
                app -> Reaction.succeeded(List.of(FakeArgoCdController.targetRevisions(app).get(0),
                        "sha" + gitSha.incrementAndGet())))) {
            StepResult result = run("kargo-controller", """
                    {"apps": [{"name": "charts-dev", "sources": [
                      {"repoURL": "https://charts.example.com", "chart": "guestbook", "desiredRevision": "1.2.0",
                       "updateTargetRevision": true,
                       "helm": {"images": [{"key": "image.tag", "value": "1.2.0"}, {"key": "image.repository", "value": "ghcr.io/x"}]}},
                      {"repoURL": "https://GitHub.com/example/gitops/", "desiredRevision": "sha1"}]}]}
                    """);

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(result.message()).contains("sync Synced at 1.2.0,sha1");
            JsonNode sources = argocd.syncRequests.get(0).body().path("spec").path("sources");
            assertThat(sources.path(0).path("targetRevision").asText()).isEqualTo("1.2.0");
            assertThat(sources.path(0).path("helm").path("parameters").toString()).isEqualTo(
                    "[{\"name\":\"image.tag\",\"value\":\"1.2.0\",\"forceString\":true},"
                            + "{\"name\":\"replicas\",\"value\":\"2\"},"
                            + "{\"name\":\"image.repository\",\"value\":\"ghcr.io/x\"}]");
            assertThat(sources.path(1).path("targetRevision").asText())
                    .as("desiredRevision alone does not move targetRevision").isEqualTo("main");
            assertThat(sources.path(1).path("ref").asText()).isEqualTo("values");
        }
    }

    @Test
    void syncsAgainWhenArgoCdSyncedAnotherRevisionThanTheDesiredOne() throws Exception {
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), null);
        AtomicInteger syncs = new AtomicInteger();
        // the first sync still sees the old commit (Argo CD's repo cache), the second the pushed one
        try (FakeArgoCdController argocd = new FakeArgoCdController(client,
                app -> Reaction.succeeded(List.of(syncs.incrementAndGet() == 1 ? "stale" : "fresh")))) {
            StepResult result = run("kargo-controller", """
                    {"apps": [{"name": "guestbook-dev", "sources": [{"repoURL": "%s", "desiredRevision": "fresh"}]}]}
                    """.formatted(GIT));

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(argocd.syncRequests).hasSize(2);
            assertThat(result.message()).contains("sync Synced at fresh");
        }
    }

    @Test
    void anApplicationAlreadySyncedForThisPromotionIsNotSyncedAgain() throws Exception {
        // a promotion resumed after a restart: Argo CD already finished its sync
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), ourFinishedSync("abc123") + """
                health: {status: Healthy}
                """);
        try (FakeArgoCdController argocd = FakeArgoCdController.syncingToTargetRevisions(client)) {
            StepResult result = run("kargo-controller", """
                    {"apps": [{"name": "guestbook-dev", "sources": [{"repoURL": "%s", "desiredRevision": "abc123"}]}]}
                    """.formatted(GIT));

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(argocd.syncRequests).isEmpty();
            assertThat(get("guestbook-dev").annotations()).doesNotContainKey(ArgoCdUpdater.REFRESH_ANNOTATION);
        }
    }

    // ---- authorisation ----

    @Test
    void refusesAnApplicationWithoutTheAnnotationNamingTheAnnotationToAdd() throws Exception {
        createApp("guestbook-dev", null, gitSource("main"), null);

        StepResult result = run("kargo-controller", "{\"apps\": [{\"name\": \"guestbook-dev\"}]}");

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("'argocd/guestbook-dev' does not permit mutation by Kargo stage myapp:dev",
                "kargo.akuity.io/authorized-stage: \"myapp:dev\"", "No Application was changed");
        assertUntouched("guestbook-dev");
    }

    @Test
    void refusesAnApplicationAuthorisedForAnotherStage() throws Exception {
        createApp("guestbook-uat", "myapp:uat", gitSource("main"), null);

        StepResult result = run("kargo-controller", "{\"apps\": [{\"name\": \"guestbook-uat\"}]}");

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("is \"myapp:uat\"", "add myapp:dev to that comma-separated list");
        assertUntouched("guestbook-uat");
    }

    @Test
    void refusesAGlobAndAcceptsACommaSeparatedList() throws Exception {
        createApp("globbed", "myapp:*", gitSource("main"), null);
        createApp("shared", "other:dev, myapp:dev ,myapp:uat", gitSource("main"), null);

        StepResult globbed = run("kargo-controller", "{\"apps\": [{\"name\": \"globbed\"}]}");
        assertThat(globbed.status()).isEqualTo(StepStatus.Errored);
        assertThat(globbed.message()).contains("invalid kargo.akuity.io/authorized-stage", "glob");
        assertUntouched("globbed");

        try (FakeArgoCdController argocd = FakeArgoCdController.syncingToTargetRevisions(client)) {
            StepResult shared = run("kargo-controller", "{\"apps\": [{\"name\": \"shared\"}]}");
            assertThat(shared.status()).as(shared.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(argocd.syncRequests).extracting(ArgoCdApplication::name).containsExactly("shared");
        }
    }

    @Test
    void checksEveryApplicationBeforeChangingAny() throws Exception {
        createApp("first", "myapp:dev", gitSource("main"), null);
        createApp("unauthorised", "myapp:prod", gitSource("main"), null);
        createApp("other-repo", "myapp:dev", """
                source: {repoURL: "https://github.com/example/elsewhere", targetRevision: main}
                """, null);

        StepResult result = run("kargo-controller", """
                {"apps": [{"name": "first"}, {"name": "other-repo", "sources": [{"repoURL": "%s"}]}]}
                """.formatted(GIT));
        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("no source of Argo CD Application 'argocd/other-repo' has repoURL " + GIT,
                "its sources are https://github.com/example/elsewhere", "No Application was changed");

        StepResult refused = run("kargo-controller", "{\"apps\": [{\"name\": \"first\"}, {\"name\": \"unauthorised\"}]}");
        assertThat(refused.status()).isEqualTo(StepStatus.Errored);
        assertThat(refused.message()).contains("'argocd/unauthorised' does not permit");

        assertThat(requests("PATCH")).as("nothing was patched").isEmpty();
        assertUntouched("first");
    }

    @Test
    void aSelectorSyncsTheAuthorisedApplicationsItFindsAndSkipsTheOthers() throws Exception {
        createApp("web", "myapp:dev", gitSource("main"), null, Map.of("team", "web"));
        createApp("api", "myapp:dev", gitSource("main"), null, Map.of("team", "api"));
        createApp("web-uat", "myapp:uat", gitSource("main"), null, Map.of("team", "web"));
        createApp("db", "myapp:dev", gitSource("main"), null, Map.of("team", "db"));
        try (FakeArgoCdController argocd = FakeArgoCdController.syncingToTargetRevisions(client)) {
            StepResult result = run("kargo-controller", """
                    {"apps": [{"selector": {"matchLabels": {"team": "web"}}}]}
                    """);

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(argocd.syncRequests).extracting(ArgoCdApplication::name).containsExactly("web");
            assertThat(warnings).singleElement().asString().contains("skipping", "'argocd/web-uat'");
            assertThat(result.output().get("apps")).asInstanceOf(LIST).hasSize(1);
        }
        assertUntouched("api");
        assertUntouched("db");
    }

    @Test
    void aSelectorThatFindsNothingAuthorisedIsRefused() throws Exception {
        createApp("web-uat", "myapp:uat", gitSource("main"), null, Map.of("team", "web"));

        StepResult result = run("kargo-controller", "{\"apps\": [{\"selector\": {\"matchLabels\": {\"team\": \"web\"}}}]}");

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("1 Argo CD Application(s) but none authorised for myapp:dev");
    }

    @Test
    void aMissingApplicationIsNamed() throws Exception {
        StepResult result = run("kargo-controller", "{\"apps\": [{\"name\": \"nope\", \"namespace\": \"gitops\"}]}");

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("Argo CD Application 'nope' not found in namespace 'gitops'");
    }

    // ---- waiting for Argo CD ----

    @Test
    void aFailedOperationErrorsWithArgoCdsMessage() throws Exception {
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), null);
        try (FakeArgoCdController argocd = new FakeArgoCdController(client, app -> Reaction.failed())) {
            StepResult result = run("kargo-controller", "{\"apps\": [{\"name\": \"guestbook-dev\"}]}");

            assertThat(result.status()).isEqualTo(StepStatus.Errored);
            assertThat(result.message()).contains("Argo CD operation Failed",
                    "one or more objects failed to apply, reason: admission webhook denied", "sync OutOfSync");
            assertThat(result.output().get("apps")).asInstanceOf(LIST).singleElement().asString().contains("operationPhase=Failed");
            assertThat(argocd.syncRequests).hasSize(1);
        }
    }

    @Test
    void waitsThroughDegradedUntilHealthy() throws Exception {
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), null);
        try (FakeArgoCdController argocd = new FakeArgoCdController(client,
                app -> Reaction.degraded(FakeArgoCdController.targetRevisions(app)))) {
            CompletableFuture<StepResult> step = runAsync("{\"apps\": [{\"name\": \"guestbook-dev\"}]}");
            argocd.awaitSyncs(1);
            assertThat(step).as("still waiting while Degraded").isNotDone();

            patchStatus("guestbook-dev", "{\"health\": {\"status\": \"Healthy\"}}");
            StepResult result = step.get(30, TimeUnit.SECONDS);

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(result.message()).contains("health Healthy");
        }
    }

    @Test
    void waitsForTheOperationToFinish() throws Exception {
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), null);
        try (FakeArgoCdController argocd = new FakeArgoCdController(client, app -> Reaction.running())) {
            CompletableFuture<StepResult> step = runAsync("{\"apps\": [{\"name\": \"guestbook-dev\"}]}");
            argocd.awaitSyncs(1);
            assertThat(step).as("still waiting while Running").isNotDone();

            argocd.write(resource("guestbook-dev"), Reaction.succeeded(List.of("main")));
            StepResult result = step.get(30, TimeUnit.SECONDS);

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(result.message()).contains("operation Succeeded", "sync Synced at main", "health Healthy");
            assertThat(argocd.syncRequests).hasSize(1);
        }
    }

    /** The requests argocd-update makes, in order, each a point where an abort's interrupt may land. */
    enum Request {
        READ_THE_APPLICATION(r -> r.getMethod().equals("GET") && r.getPath().endsWith("/applications/guestbook-dev")),
        SYNC_IT(r -> r.getMethod().equals("PATCH") && r.getPath().endsWith("/applications/guestbook-dev")),
        RECORD_THE_EVENT(r -> r.getMethod().equals("POST") && r.getPath().contains("/events")),
        LIST_IT(r -> r.getMethod().equals("GET") && r.getPath().contains("applications?fieldSelector")
                && !r.getPath().contains("watch=true")),
        WATCH_IT(r -> r.getMethod().equals("GET") && r.getPath().contains("applications?")
                && r.getPath().contains("metadata.name%3Dguestbook-dev") && r.getPath().contains("watch=true"));

        final Predicate<RecordedRequest> matches;

        Request(Predicate<RecordedRequest> matches) {
            this.matches = matches;
        }
    }

    /**
     * An aborted promotion interrupts the step: wherever the interrupt lands, the step stops with it rather than
     * turning it into an API error or waiting out its timeout. It is sent while the server holds the request under
     * test unanswered, so each point is hit whatever the load.
     */
    @ParameterizedTest
    @EnumSource(Request.class)
    void anAbortStopsTheStepWhereverItLands(Request at) throws Exception {
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), null);
        try (FakeArgoCdController argocd = new FakeArgoCdController(client, app -> Reaction.running())) {
            MockApiRequests.Hold held = requests.hold(at.matches);
            CompletableFuture<Object> ended = new CompletableFuture<>();
            Thread promotion = new Thread(() -> {
                try {
                    ended.complete(run("kargo-controller", "{\"apps\": [{\"name\": \"guestbook-dev\"}]}"));
                } catch (Throwable e) {
                    ended.complete(e);
                }
            }, "promoting");
            promotion.start();
            assertThat(held.awaitArrival(Duration.ofMinutes(1))).as("the step made the request").isTrue();

            promotion.interrupt();
            held.release();

            assertThat(ended.get(1, TimeUnit.MINUTES)).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void timesOutSayingTheApplicationIsDegraded() throws Exception {
        // Argo CD finished this promotion's sync, but the workload never became healthy
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), ourFinishedSync("main") + """
                health: {status: Degraded, message: "Deployment guestbook exceeded its progress deadline"}
                """);

        StepResult result = run("kargo-controller", "{\"timeout\": \"1s\", \"apps\": [{\"name\": \"guestbook-dev\"}]}");

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("timed out after 1s", "'argocd/guestbook-dev'", "sync Synced at main",
                "health Degraded (\"Deployment guestbook exceeded its progress deadline\")");
        assertThat(result.output().get("apps")).asInstanceOf(LIST).singleElement().asInstanceOf(MAP)
                .containsEntry("health", "Degraded");
    }

    @Test
    void timesOutWithTheConstructorsDefaultSayingTheOperationIsStillRunning() throws Exception {
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), """
                operationState: {phase: Running, message: "waiting for healthy state of apps/Deployment/guestbook",
                                 operation: {info: [{name: kargo.akuity.io/promotion, value: dev.01abc}]}}
                health: {status: Progressing}
                """);

        StepResult result = new ArgoCdUpdater(client, Duration.ofSeconds(1))
                .run(context("kargo-controller"), JSON.readTree("{\"apps\": [{\"name\": \"guestbook-dev\"}]}"));

        assertThat(result.status()).isEqualTo(StepStatus.Errored);
        assertThat(result.message()).contains("timed out after 1s",
                "operation Running (\"waiting for healthy state of apps/Deployment/guestbook\")", "health Progressing");
        assertUntouchedButNotRefreshed("guestbook-dev");
    }

    @Test
    void waitsForAnOperationSomeoneElseStartedBeforeSyncing() throws Exception {
        String foreign = "{initiatedBy: {username: admin}, sync: {revision: main}}";
        createApp("guestbook-dev", "myapp:dev", gitSource("main"), """
                operationState: {phase: Running, operation: %s}
                """.formatted(foreign), Map.of(), foreign);

        CompletableFuture<StepResult> step = runAsync("{\"apps\": [{\"name\": \"guestbook-dev\"}]}");
        assertThat(awaitWatchOf("guestbook-dev")).extracting(RecordedRequest::getMethod).doesNotContain("PATCH");

        try (FakeArgoCdController argocd = FakeArgoCdController.syncingToTargetRevisions(client)) {
            argocd.write(resource("guestbook-dev"), Reaction.succeeded(List.of("main")));
            StepResult result = step.get(30, TimeUnit.SECONDS);

            assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
            assertThat(argocd.syncRequests).singleElement()
                    .satisfies(a -> assertThat(a.operation().path("initiatedBy").path("username").asText())
                            .isEqualTo("kargo-controller"));
        }
    }

    // ---- fixtures ----

    private StepResult run(String actor, String config) throws InterruptedException {
        try {
            // the tests' own bound: a broken wait fails in 30s rather than Kargo's 5m
            return new ArgoCdUpdater(client, Duration.ofSeconds(30)).run(context(actor), JSON.readTree(config));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private CompletableFuture<StepResult> runAsync(String config) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run("kargo-controller", config);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Status of a sync Argo CD finished for this test's promotion at {@code revision}, refreshed since. */
    private static String ourFinishedSync(String revision) {
        return """
                operationState: {phase: Succeeded, finishedAt: "2026-01-01T10:00:00Z", syncResult: {revision: %s},
                                 operation: {info: [{name: kargo.akuity.io/promotion, value: dev.01abc}]}}
                sync: {status: Synced, revision: %s}
                reconciledAt: "2026-01-01T10:00:05Z"
                """.formatted(revision, revision);
    }

    private GenericKubernetesResource resource(String name) {
        return client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace("argocd").withName(name).get();
    }

    /** Changes the Application's status as Argo CD would on a later refresh. */
    private void patchStatus(String name, String statusJson) {
        client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace("argocd").withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\": " + statusJson + "}");
    }

    private StepContext context(String actor) {
        EventSink log = new EventSink() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        };
        return new StepContext("myapp", "dev", "dev.01abc", actor, new FreightCollection(List.of()), workDir,
                CredentialsProvider.NONE, log, Clock.systemUTC());
    }

    private static String gitSource(String targetRevision) {
        return "source: {repoURL: \"" + GIT + "\", path: env/dev, targetRevision: " + targetRevision + "}\n";
    }

    private void createApp(String name, String authorizedStage, String spec, String status) {
        createApp(name, authorizedStage, spec, status, Map.of());
    }

    private void createApp(String name, String authorizedStage, String spec, String status, Map<String, String> labels) {
        createApp(name, authorizedStage, spec, status, labels, null);
    }

    private void createApp(String name, String authorizedStage, String spec, String status, Map<String, String> labels,
                           String operation) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                """.formatted(name));
        if (authorizedStage != null) {
            yaml.append("  annotations: {kargo.akuity.io/authorized-stage: \"").append(authorizedStage).append("\"}\n");
        }
        if (!labels.isEmpty()) {
            yaml.append("  labels:\n");
            labels.forEach((k, v) -> yaml.append("    ").append(k).append(": ").append(v).append('\n'));
        }
        yaml.append("spec:\n").append(spec.indent(2));
        if (status != null) {
            yaml.append("status:\n").append(status.indent(2));
        }
        if (operation != null) {
            yaml.append("operation: ").append(operation).append('\n');
        }
        GenericKubernetesResource app = client.getKubernetesSerialization()
                .unmarshal(yaml.toString(), GenericKubernetesResource.class);
        client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace("argocd").resource(app).create();
    }

    private ArgoCdApplication get(String name) {
        return ArgoCdApplication.of(resource(name));
    }

    private void assertUntouched(String name) {
        ArgoCdApplication app = get(name);
        assertThat(app.annotations()).doesNotContainKey(ArgoCdUpdater.REFRESH_ANNOTATION);
        assertThat(app.operation().isMissingNode()).as("no operation on " + name).isTrue();
    }

    private void assertUntouchedButNotRefreshed(String name) throws InterruptedException {
        assertThat(get(name).annotations()).doesNotContainKey(ArgoCdUpdater.REFRESH_ANNOTATION);
        assertThat(requests("PATCH")).as("a running operation of this promotion is not requested again").isEmpty();
    }

    /** Blocks until the step watches the Application; returns the requests before that watch. */
    private List<RecordedRequest> awaitWatchOf(String name) throws InterruptedException {
        List<RecordedRequest> before = new ArrayList<>();
        while (true) {
            RecordedRequest request = server.takeRequest(30, TimeUnit.SECONDS);
            assertThat(request).as("a watch of " + name).isNotNull();
            if (request.getPath().contains("watch=true") && request.getPath().contains("metadata.name%3D" + name)) {
                return before;
            }
            before.add(request);
        }
    }

    private List<RecordedRequest> requests(String method) throws InterruptedException {
        List<RecordedRequest> matching = new ArrayList<>();
        int count = server.getRequestCount();
        for (int i = 0; i < count; i++) {
            RecordedRequest request = server.takeRequest(0, TimeUnit.SECONDS);
            if (request != null && request.getMethod().equals(method)) {
                matching.add(request);
            }
        }
        return matching;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
