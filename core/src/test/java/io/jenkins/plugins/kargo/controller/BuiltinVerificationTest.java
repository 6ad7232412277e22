package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kargo.expr.kargo.ProjectData;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.verification.MeasurementContext;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import io.jenkins.plugins.kargo.verification.VerificationRef;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.jenkins.plugins.kargo.CrudKubernetesMock;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine's verification wiring: the built-in providers answer for their metric kinds, and the Kubernetes client
 * (here fabric8's mock server in CRUD mode) is made once, on first use, and shared with {@code argocd-update}.
 */
@ExtendWith(CrudKubernetesMock.class)
class BuiltinVerificationTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    private final AtomicInteger clientsMade = new AtomicInteger();

    @Test
    void aWebCheckAndPlainArgsNeverMakeAKubernetesClient() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (LazyKubernetes kubernetes = counting()) {
            BuiltinVerification verification = new BuiltinVerification(kubernetes, OperatorSettings.DEFAULT, ProjectData.NONE,
                    io.jenkins.plugins.kargo.credentials.CredentialsProvider.NONE);
            KargoConfig seed = new ConfigLoader().load(ExampleProject.directory());
            Stage dev = seed.stage("myapp", "dev").orElseThrow();

            Map<String, String> args = verification.stageArgs().resolve(dev, dev.verification().orElseThrow(),
                    new FreightCollection(List.of()), EventSink.NONE);
            MetricProvider.Web smoke = (MetricProvider.Web) seed.analysisTemplate("myapp",
                    dev.verification().orElseThrow().analysisTemplates().get(0)).orElseThrow().metrics().get(0)
                    .provider();
            Object result = verification.providers().forKind(smoke).orElseThrow().measure(smoke,
                    context(Map.of("service-url", "http://127.0.0.1:" + server.getAddress().getPort())));

            assertThat(args).containsEntry("service-url", "http://user-service.dev.svc.cluster.local");
            assertThat(result).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("statusCode", 200);
            assertThat(verification.providers().forKind(new MetricProvider.Prometheus("http://p:9090", "up")))
                    .isPresent();
            assertThat(clientsMade).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void jobsRolloutArgsAndArgoCdShareOneClientMadeOnFirstUse() throws Exception {
        client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("argoproj.io")
                        .withVersion("v1alpha1").withPlural("rollouts").withKind("Rollout").withNamespaced(true).build())
                .inNamespace("myapp").resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("argoproj.io/v1alpha1").withKind("Rollout")
                        .withNewMetadata().withNamespace("myapp").withName("user-service").endMetadata()
                        .withAdditionalProperties(Map.of("status", Map.of("stableRS", "7d9f8c6b5",
                                "currentPodHash", "5f6d4c8b7")))
                        .build()).create();
        KargoConfig fixedSeed = new ConfigLoader().load(ExampleProject.copyTo(dir, Map.of(
                "{{ .Rollout.Status.Canary.StableRS }}", "{{ .Rollout.Status.CurrentPodHash }}",
                "{{ .Rollout.Status.Stable.StableRS }}", "{{ .Rollout.Status.StableRS }}")));

        try (LazyKubernetes kubernetes = counting()) {
            new BuiltinSteps(kubernetes, OperatorSettings.DEFAULT).registry(dir);
            BuiltinVerification verification = new BuiltinVerification(kubernetes, OperatorSettings.DEFAULT, ProjectData.NONE,
                    io.jenkins.plugins.kargo.credentials.CredentialsProvider.NONE);
            assertThat(clientsMade).as("nothing made it yet").hasValue(0);

            Map<String, String> args = verification.args().resolve(fixedSeed.stage("myapp", "preprod").orElseThrow(),
                    new FreightCollection(List.of()));
            assertThat(args).containsEntry("canary-pod-hash", "5f6d4c8b7").containsEntry("stable-pod-hash", "7d9f8c6b5");

            MetricProvider.Job integration = (MetricProvider.Job) fixedSeed.analysisTemplates("myapp").stream()
                    .filter(t -> t.name().equals("integration-tests")).findFirst().orElseThrow()
                    .metrics().get(0).provider();
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread measuring = new Thread(() -> {
                try {
                    verification.providers().forKind(integration).orElseThrow().measure(integration,
                            context(Map.of("service-url", "http://user-service.staging.svc:8080")));
                } catch (Exception e) {
                    ended.set(e);
                }
            });
            measuring.start();
            Job started = client.batch().v1().jobs().inNamespace("myapp").withLabel(
                            "analysisrun.argoproj.io/metric-name", "integration-tests")
                    .informOnCondition(jobs -> !jobs.isEmpty()).get(30, TimeUnit.SECONDS).get(0);
            measuring.interrupt();
            measuring.join(Duration.ofMinutes(1).toMillis());
            assertThat(measuring.isAlive()).as("the measurement stopped").isFalse();

            assertThat(started.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).getValue())
                    .isEqualTo("http://user-service.staging.svc:8080");
            assertThat(ended.get()).isInstanceOf(InterruptedException.class);
            assertThat(kubernetes.get()).isSameAs(client);
            assertThat(clientsMade).as("one client for the Rollout, the Job and argocd-update").hasValue(1);
        }
    }

    @Test
    void aJobWithoutKubeconfigIsAnErrorMeasurement() throws Exception {
        KargoConfig seed = new ConfigLoader().load(ExampleProject.directory());
        MetricProvider.Job integration = (MetricProvider.Job) seed.analysisTemplates("myapp").stream()
                .filter(t -> t.name().equals("integration-tests")).findFirst().orElseThrow().metrics().get(0).provider();
        try (LazyKubernetes kubernetes = new LazyKubernetes(() -> {
            throw new KubernetesClientException("invalid kubeconfig /home/ci/.kube/config");
        })) {
            BuiltinVerification verification = new BuiltinVerification(kubernetes, OperatorSettings.DEFAULT, ProjectData.NONE,
                    io.jenkins.plugins.kargo.credentials.CredentialsProvider.NONE);
            assertThatThrownBy(() -> verification.providers().forKind(integration).orElseThrow()
                    .measure(integration, context(Map.of("service-url", "http://x"))))
                    .isInstanceOf(MeasurementException.class)
                    .hasMessage("no Kubernetes client to run the Job with: invalid kubeconfig /home/ci/.kube/config;"
                            + " give one through the kubeconfig (KUBECONFIG, ~/.kube/config or the in-cluster service"
                            + " account)");
        }
    }

    private LazyKubernetes counting() {
        return new LazyKubernetes(() -> {
            clientsMade.incrementAndGet();
            return client;
        });
    }

    private static MeasurementContext context(Map<String, String> args) {
        return new MeasurementContext(new VerificationRef("myapp", "staging", "v", Instant.EPOCH),
                "integration-tests", args, EventSink.NONE, Clock.systemUTC(), () -> false);
    }
}
