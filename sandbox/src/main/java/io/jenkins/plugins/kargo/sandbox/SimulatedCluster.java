package io.jenkins.plugins.kargo.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kargo.MockApiServer;
import io.jenkins.plugins.kargo.promotion.argocd.FakeArgoCdController;
import io.jenkins.plugins.kargo.testkit.CanaryMetrics;
import io.jenkins.plugins.kargo.verification.job.FakeJobController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the cluster, and plainly one: no Kubernetes API server can run here, so fabric8's mock API server in
 * CRUD mode ({@link MockApiServer}, as the tests use it) stores the resources, the tests' {@link FakeArgoCdController} plays Argo CD (every sync succeeds and is
 * Healthy), the tests' {@link FakeJobController} plays the Job controller (every test Job passes), and a Rollout of
 * {@code user-service} carries the canary's pod hash the preprod analysis reads ({@link #canary}). Nothing is
 * deployed anywhere. {@code kubeconfig} points the engine at it.
 */
final class SimulatedCluster implements AutoCloseable {

    static final ResourceDefinitionContext APPLICATION = new ResourceDefinitionContext.Builder().withGroup("argoproj.io")
            .withVersion("v1alpha1").withPlural("applications").withKind("Application").withNamespaced(true).build();
    static final ResourceDefinitionContext ROLLOUT = new ResourceDefinitionContext.Builder().withGroup("argoproj.io")
            .withVersion("v1alpha1").withPlural("rollouts").withKind("Rollout").withNamespaced(true).build();

    private final MockApiServer api;
    private final KubernetesClient client;
    private final FakeArgoCdController argocd;
    private final FakeJobController jobs;
    private final String project;
    private final Path kubeconfig;

    private SimulatedCluster(MockApiServer api, KubernetesClient client, FakeArgoCdController argocd,
                             FakeJobController jobs, String project, Path kubeconfig) {
        this.api = api;
        this.client = client;
        this.argocd = argocd;
        this.jobs = jobs;
        this.project = project;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts the mock API server on a free loopback port, writes {@code dir/kubeconfig}, and creates an Argo CD
     * Application per service and stage ({@code SERVICE-STAGE} in namespace {@code argocd}, authorised for that stage,
     * its source the stage's overlay) and the Rollout.
     */
    static SimulatedCluster start(Path dir, String project, String gitopsUrl, List<String> stages, List<String> services)
            throws IOException {
        MockApiServer api = MockApiServer.start();
        KubernetesClient client = api.client();
        for (String stage : stages) {
            for (String service : services) {
                client.genericKubernetesResources(APPLICATION).inNamespace("argocd").resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("argoproj.io/v1alpha1").withKind("Application")
                        .withNewMetadata().withNamespace("argocd").withName(service + "-" + stage)
                        .addToAnnotations("kargo.akuity.io/authorized-stage", project + ":" + stage).endMetadata()
                        .withAdditionalProperties(Map.of(
                                "spec", Map.of("project", "default", "source", Map.of("repoURL", gitopsUrl,
                                        "path", "overlays/" + stage, "targetRevision", "main"),
                                        "destination", Map.of("namespace", project + "-" + stage)),
                                "status", Map.of("sync", Map.of("status", "Synced", "revision", "main"),
                                        "health", Map.of("status", "Healthy"))))
                        .build()).create();
            }
        }
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: simulated
                    cluster: {server: "%s"}
                contexts:
                  - name: simulated
                    context: {cluster: simulated, user: simulated, namespace: %s}
                current-context: simulated
                users:
                  - name: simulated
                    user: {token: simulated}
                """.formatted(api.server().url("/").replaceAll("/$", ""), project));
        SimulatedCluster cluster = new SimulatedCluster(api, client,
                FakeArgoCdController.syncingToTargetRevisions(client),
                new FakeJobController(client, api.requests(),
                        FakeJobController.Reaction.complete("all tests passed (simulated)\n")),
                project, kubeconfig);
        cluster.canary(false);
        return cluster;
    }

    /** Sets the Rollout's canary pods healthy (1 error in 101 requests) or failing (1 in 5), as Prometheus shows them. */
    void canary(boolean failing) {
        GenericKubernetesResource rollout = new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1").withKind("Rollout")
                .withNewMetadata().withNamespace(project).withName("user-service").endMetadata()
                .withAdditionalProperties(Map.of("status", Map.of("stableRS", CanaryMetrics.STABLE,
                        "currentPodHash", failing ? CanaryMetrics.FAILING : CanaryMetrics.HEALTHY)))
                .build();
        client.genericKubernetesResources(ROLLOUT).inNamespace(project).resource(rollout).createOr(r -> r.update());
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        jobs.close();
        argocd.close();
        api.close();
    }
}
