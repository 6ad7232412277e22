package io.jenkins.plugins.kargo.promotion.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.kargo.CrudKubernetesMock;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argocd-wait} against fabric8's Kubernetes mock server in CRUD mode (no Argo CD can run here): the test
 * changes the Application's status as Argo CD would, and the step, watching it, ends when it is what it waits for.
 * Every wait is on a watch or a future, never a sleep.
 */
@ExtendWith(CrudKubernetesMock.class)
class ArgoCdWaiterTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path workDir;

    private void createApp(String name, Map<String, String> labels, String status) throws Exception {
        GenericKubernetesResource app = YAML.readValue("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec: {source: {repoURL: https://git.example.com/gitops.git, path: env/dev}}
                status:
                %s""".formatted(name, status.indent(2)), GenericKubernetesResource.class);
        app.getMetadata().setLabels(labels);
        client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace("argocd").resource(app).create();
    }

    @SuppressWarnings("unchecked")
    private void setStatus(String name, String status) throws Exception {
        Map<String, Object> parsed = YAML.readValue(status, Map.class);
        client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace("argocd").withName(name)
                .edit(r -> {
                    r.getAdditionalProperties().put("status", parsed);
                    return r;
                });
    }

    private final java.util.concurrent.BlockingQueue<String> log = new java.util.concurrent.LinkedBlockingQueue<>();

    private CompletableFuture<StepResult> runAsync(String config) {
        ArgoCdWaiter waiter = new ArgoCdWaiter(client, Duration.ofSeconds(30));
        StepContext context = new StepContext("shop", "dev", "dev.1", "alice", new FreightCollection(List.of()),
                workDir, CredentialsProvider.NONE, new EventSink() {
                    @Override
                    public void info(String message) {
                        log.add(message);
                    }

                    @Override
                    public void warn(String message) {
                        log.add(message);
                    }
                }, Clock.systemUTC());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return waiter.run(context, YAML.readTree(config));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits until the step has logged that it saw the Application in the state {@code described}. */
    private void whenSeen(String described) throws InterruptedException {
        String line;
        do {
            line = log.poll(30, TimeUnit.SECONDS);
            assertThat(line).as("the step logs that it saw: " + described).isNotNull();
        } while (!line.contains(described));
    }

    @Test
    void waitsForHealthySyncedAndNoOperationThenReports() throws Exception {
        createApp("web-dev", Map.of("team", "web"), """
                sync: {status: OutOfSync}
                health: {status: Progressing}
                operationState: {phase: Running}
                """);
        CompletableFuture<StepResult> waiting = runAsync("apps: [{name: web-dev}]");
        whenSeen("an operation is in progress");
        assertThat(waiting).isNotDone();

        setStatus("web-dev", """
                sync: {status: Synced, revision: abc}
                health: {status: Healthy}
                operationState: {phase: Succeeded, finishedAt: "2026-01-01T10:00:00Z"}
                reconciledAt: "2026-01-01T10:00:05Z"
                """);
        StepResult result = waiting.get(30, TimeUnit.SECONDS);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(result.output()).containsEntry("apps", List.of(Map.of("name", "web-dev", "namespace", "argocd")))
                .containsEntry("healthStatus", Map.of("argocd/web-dev", "Healthy"));
    }

    @Test
    void aSelectorWaitsForEveryApplicationItMatchesOnlyForWhatIsAsked() throws Exception {
        createApp("api-dev", Map.of("team", "api"), "sync: {status: OutOfSync}\nhealth: {status: Healthy}\n");
        createApp("api-jobs", Map.of("team", "api"), "sync: {status: OutOfSync}\nhealth: {status: Suspended}\n");
        createApp("web-dev", Map.of("team", "web"), "sync: {status: OutOfSync}\nhealth: {status: Missing}\n");

        StepResult result = runAsync("""
                apps:
                  - selector: {matchLabels: {team: api}}
                    waitFor: [health, suspended]
                """).get(30, TimeUnit.SECONDS);

        assertThat(result.status()).as(result.message()).isEqualTo(StepStatus.Succeeded);
        assertThat(result.output().get("healthStatus"))
                .isEqualTo(Map.of("argocd/api-dev", "Healthy", "argocd/api-jobs", "Suspended"));
    }

    @Test
    void aComparisonErrorOrAHealthThatRegressesFailsAtOnce() throws Exception {
        createApp("broken", Map.of(), """
                conditions: [{type: ComparisonError, message: "kustomize build failed"}]
                health: {status: Unknown}
                """);
        StepResult broken = runAsync("apps: [{name: broken}]").get(30, TimeUnit.SECONDS);
        assertThat(broken.status()).isEqualTo(StepStatus.Failed);
        assertThat(broken.message()).contains("ComparisonError: kustomize build failed");

        createApp("flaky", Map.of(), "sync: {status: Synced}\nhealth: {status: Progressing}\n");
        CompletableFuture<StepResult> waiting = runAsync("apps: [{name: flaky}]");
        whenSeen("health is Progressing");
        setStatus("flaky", "sync: {status: Synced}\nhealth: {status: Degraded}\n");
        StepResult regressed = waiting.get(30, TimeUnit.SECONDS);
        assertThat(regressed.status()).as(regressed.message()).isEqualTo(StepStatus.Failed);
        assertThat(regressed.message()).contains("health has regressed from Progressing to Degraded");
    }

    @Test
    void aMissingApplicationOrABadConfigIsAnError() throws Exception {
        assertThat(runAsync("apps: [{name: nowhere}]").get(30, TimeUnit.SECONDS).message())
                .contains("no Argo CD Application 'nowhere' in namespace 'argocd'");
        assertThat(runAsync("apps: [{name: x, waitFor: [healthy]}]").get(30, TimeUnit.SECONDS).message())
                .contains("config.apps[0].waitFor has 'healthy'");
    }
}
