package io.jenkins.plugins.kargo.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.kargo.CrudKubernetesMock;
import io.jenkins.plugins.kargo.api.AnalysisTemplate;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.ExpressionVariable;
import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.api.KargoConfig;
import io.jenkins.plugins.kargo.api.ResourceKind;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.api.Stage;
import io.jenkins.plugins.kargo.api.Verification;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightId;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage's verification args resolved as Kargo resolves them: Kargo templates over real Freight, and the seed's
 * {@code {{ .Rollout... }}} form read from Rollouts kept by fabric8's Kubernetes mock server in CRUD mode (no API
 * server can run here).
 */
@ExtendWith(CrudKubernetesMock.class)
class VerificationArgsTest {

    private static final String IMAGE = "harbor.yourdomain.com/services/user-service";
    private static final String CHARTS = "oci://harbor.yourdomain.com/charts";
    private static final String GIT = "https://github.com/yourorg/gitops-config.git";

    KubernetesClient client;

    @TempDir
    Path dir;

    /** Counts the times the resolver asked for a Kubernetes client. */
    private final AtomicInteger clientsAsked = new AtomicInteger();
    private final Supplier<KubernetesClient> kubernetes = () -> {
        clientsAsked.incrementAndGet();
        return client;
    };
    private final VerificationArgs args = new VerificationArgs(kubernetes);

    private final Freight services = freight(FreightOrigin.warehouse("services-warehouse"),
            List.of(new FreightImage(IMAGE, "1.4.0", "sha256:0a1b", Map.of(), "")),
            List.of(new FreightChart(CHARTS, "user-service", "2.3.1", "")), List.of());
    private final Freight config = freight(FreightOrigin.warehouse("config-warehouse"), List.of(), List.of(),
            List.of(new FreightCommit(GIT, "9f3c2e1", "main", "", "bump", "ann", "ann", "")));
    private final FreightCollection freight = new FreightCollection(List.of(services, config));

    @Test
    void expressionsSeeTheStageTheStagesVarsAndTheFreightBeingVerified() throws Exception {
        Stage stage = stage(List.of(new ExpressionVariable("registry", "harbor.yourdomain.com"),
                        new ExpressionVariable("image", "${{ vars.registry }}/services/user-service")),
                arg("service-url", "http://user-service.${{ ctx.stage }}.svc.cluster.local"),
                arg("project", "${{ ctx.project }}"),
                arg("image-tag", "${{ imageFrom(vars.image).Tag }}"),
                arg("chart-version", "${{ chartFrom('" + CHARTS + "', 'user-service').Version }}"),
                arg("config-commit", "${{ commitFrom('" + GIT + "', warehouse('config-warehouse')).ID }}"),
                arg("load-test-users", "${{ quote(250 * 4) }}"),
                arg("plain", "1000"),
                arg("left-to-the-template", ""));

        Map<String, String> resolved = args.resolve(stage, freight);

        assertThat(resolved).containsExactly(
                Map.entry("service-url", "http://user-service.preprod.svc.cluster.local"),
                Map.entry("project", "myapp"),
                Map.entry("image-tag", "1.4.0"),
                Map.entry("chart-version", "2.3.1"),
                Map.entry("config-commit", "9f3c2e1"),
                Map.entry("load-test-users", "1000"),
                Map.entry("plain", "1000"));
        assertThat(clientsAsked).as("no arg reads a Rollout, so Kubernetes is never asked for").hasValue(0);
    }

    @Test
    void anExpressionThatFailsOrGivesNoStringIsRefusedNamingTheArgument() {
        assertThatThrownBy(() -> args.resolve(stage(List.of(),
                arg("image-tag", "${{ imageFrom('harbor.yourdomain.com/services/payment-service').Tag }}")), freight))
                .isInstanceOf(MeasurementException.class)
                .hasMessageStartingWith("stage preprod, verification arg 'image-tag' (stages/preprod-stage.yaml:40"
                        + " spec.verification.args[image-tag]): expression"
                        + " 'imageFrom('harbor.yourdomain.com/services/payment-service').Tag'")
                .hasMessageEndingWith("(imageFrom('harbor.yourdomain.com/services/payment-service') found nothing;"
                        + " the Freight being verified has images from: " + IMAGE + ")");

        assertThatThrownBy(() -> args.resolve(stage(List.of(), arg("load-test-users", "${{ 250 * 4 }}")), freight))
                .isInstanceOf(MeasurementException.class)
                .hasMessage("stage preprod, verification arg 'load-test-users' (stages/preprod-stage.yaml:40"
                        + " spec.verification.args[load-test-users]): '${{ 250 * 4 }}' gives the number 1000, but an"
                        + " analysis argument is a string; write ${{ quote(...) }} to make it one");

        assertThatThrownBy(() -> args.resolve(stage(List.of(new ExpressionVariable("broken", "${{ nope }}")),
                arg("plain", "x")), freight))
                .isInstanceOf(MeasurementException.class)
                .hasMessageStartingWith("stage preprod (stages/preprod-stage.yaml), variable 'broken' used by its"
                        + " verification: expression 'nope'");
    }

    @Test
    void promotionOnlyNamesAreNotVisible() {
        assertThatThrownBy(() -> args.resolve(stage(List.of(), arg("x", "${{ quote(success()) }}")), freight))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("expression 'quote(success())'");
        assertThatThrownBy(() -> args.resolve(stage(List.of(), arg("x", "${{ ctx.promotion }}")), freight))
                .isInstanceOf(MeasurementException.class).hasMessageContaining("'${{ ctx.promotion }}' gives null");
    }

    @Test
    void rolloutFieldsAreReadFromTheRolloutTheArgsName() throws Exception {
        createRollout("myapp", "user-service", "7d9f8c6b5", "5f6d4c8b7");
        createRollout("canaries", "checkout", "1111111", "2222222");

        Map<String, String> resolved = args.resolve(stage(List.of(),
                arg("service-name", "user-service"),
                arg("canary-pod-hash", "{{ .Rollout.Status.CurrentPodHash }}"),
                arg("stable-pod-hash", "{{.Rollout.Status.StableRS}}"),
                arg("selector", "app=${{ ctx.stage }},hash={{ .Rollout.Status.Canary.StablePingPong }}"),
                arg("replicas", "{{ .Rollout.Status.HPAReplicas }}"),
                arg("rollout", "{{ .Rollout.Namespace }}/{{ .Rollout.Name }}")), freight);

        assertThat(resolved).containsEntry("canary-pod-hash", "5f6d4c8b7")
                .containsEntry("stable-pod-hash", "7d9f8c6b5").containsEntry("selector", "app=preprod,hash=ping").containsEntry("replicas", "3")
                .containsEntry("rollout", "myapp/user-service").containsEntry("service-name", "user-service");
        assertThat(clientsAsked).as("one Rollout, read once").hasValue(1);

        Map<String, String> named = args.resolve(stage(List.of(), arg("service-name", "user-service"),
                arg("rollout-name", "checkout"), arg("rollout-namespace", "canaries"),
                arg("canary-pod-hash", "{{ .Rollout.Status.CurrentPodHash }}")), freight);
        assertThat(named).containsEntry("canary-pod-hash", "2222222");
    }

    @Test
    void theSeedsCanaryPathsAreReadAsTheCanaryAndStablePodHashes(@TempDir Path copy) throws Exception {
        createRollout("myapp", "user-service", "7d9f8c6b5", "5f6d4c8b7");
        KargoConfig seed = new ConfigLoader().load(ExampleProject.directory());
        Stage preprod = seed.stage("myapp", "preprod").orElseThrow();

        // Argo Rollouts has neither status.canary.stableRS nor status.stable: the seed's paths mean these two
        Map<String, String> resolved = args.resolve(preprod, freight);
        assertThat(resolved).isEqualTo(Map.of("service-name", "user-service",
                "canary-pod-hash", "5f6d4c8b7", "stable-pod-hash", "7d9f8c6b5"));
        KargoConfig argoSpelling = new ConfigLoader().load(ExampleProject.copyTo(copy, Map.of(
                "{{ .Rollout.Status.Canary.StableRS }}", "{{ .Rollout.Status.CurrentPodHash }}",
                "{{ .Rollout.Status.Stable.StableRS }}", "{{ .Rollout.Status.StableRS }}")));
        Stage fixedPreprod = argoSpelling.stage("myapp", "preprod").orElseThrow();
        assertThat(args.resolve(fixedPreprod, freight)).isEqualTo(resolved);
        AnalysisTemplate canaryMetrics = seed.analysisTemplate("myapp",
                preprod.verification().orElseThrow().analysisTemplates().get(0)).orElseThrow();
        assertThat(AnalysisArgs.merge(List.of(canaryMetrics), resolved, new VerificationRef("myapp", "preprod",
                "preprod.1", java.time.Instant.EPOCH), ArgumentSources.NONE).values())
                .containsEntry("canary-pod-hash", "5f6d4c8b7");

        // any other path Argo Rollouts does not have is refused, naming the fields it has
        assertThatThrownBy(() -> args.resolve(stage(List.of(), arg("service-name", "user-service"),
                arg("canary-pod-hash", "{{ .Rollout.Status.Canary.PodHash }}")), freight))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("Rollout 'user-service' in namespace 'myapp' has no"
                        + " {{ .Rollout.Status.Canary.PodHash }}: status.canary has no field 'PodHash' (it has:"
                        + " stablePingPong, weights); Argo Rollouts keeps the stable ReplicaSet's pod-template hash in"
                        + " {{ .Rollout.Status.StableRS }} and the newest (canary) one's in"
                        + " {{ .Rollout.Status.CurrentPodHash }}");
    }

    @Test
    void aRolloutThatCannotBeReadIsRefusedWithTheFix() {
        assertThatThrownBy(() -> args.resolve(stage(List.of(), arg("service-name", "user-service"),
                arg("canary-pod-hash", "{{ .Rollout.Status.CurrentPodHash }}")), freight))
                .isInstanceOf(MeasurementException.class)
                .hasMessage("stage preprod, verification arg 'canary-pod-hash' (stages/preprod-stage.yaml:40"
                        + " spec.verification.args[canary-pod-hash]): Rollout 'user-service' in namespace 'myapp' was"
                        + " not found (or the Argo Rollouts Rollout resource is not installed); the Rollout's name"
                        + " comes from the verification arg 'service-name' and the project: give the Rollout's name"
                        + " in the verification arg 'rollout-name' and its namespace in 'rollout-namespace'");

        assertThatThrownBy(() -> args.resolve(stage(List.of(),
                arg("canary-pod-hash", "{{ .Rollout.Status.CurrentPodHash }}")), freight))
                .isInstanceOf(MeasurementException.class)
                .hasMessageContaining("reads a field of an Argo Rollouts Rollout, but no argument names it; add the"
                        + " verification arg 'rollout-name' (or 'service-name')");
        assertThat(clientsAsked).as("no Rollout named, no client asked for").hasValue(1);
    }

    @Test
    void fieldsThatAreMissingEmptyOrNotValuesAreRefused() {
        createRollout("myapp", "user-service", "", "5f6d4c8b7");

        assertThatThrownBy(() -> resolveOne("{{ .Rollout.Status.StableRS }}"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageEndingWith(": {{ .Rollout.Status.StableRS }} of Rollout 'user-service' in namespace"
                        + " 'myapp' is empty; wait until Argo Rollouts has set it, or give the argument a plain value");
        assertThatThrownBy(() -> resolveOne("{{ .Rollout.Status.Canary }}"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageEndingWith(": {{ .Rollout.Status.Canary }} of Rollout 'user-service' in namespace 'myapp'"
                        + " is an object (fields: stablePingPong, weights), not a single value; name one field of it");
        assertThatThrownBy(() -> resolveOne("{{ .Rollout.Status.Phase.Name }}"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageEndingWith(": {{ .Rollout.Status.Phase.Name }}: status.phase of Rollout 'user-service' in"
                        + " namespace 'myapp' is 'Healthy', which has no field Name");
        assertThatThrownBy(() -> resolveOne("{{ .Rollout }}"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageEndingWith(": {{ .Rollout }} is the whole Rollout; name one of its fields, e.g."
                        + " {{ .Rollout.Status.StableRS }}");
        assertThatThrownBy(() -> resolveOne("{{ .Values.image.tag }}"))
                .isInstanceOf(MeasurementException.class)
                .hasMessageEndingWith(": '{{ .Values.image.tag }}' is not supported; of Go-template references only"
                        + " {{ .Rollout.FIELD... }} (a field of the Argo Rollouts Rollout) is; write a plain value or"
                        + " a ${{ }} expression instead");
    }

    @Test
    void argsNamingTheRolloutCannotReadIt() {
        assertThatThrownBy(() -> args.resolve(stage(List.of(), arg("rollout-name", "{{ .Rollout.Name }}"),
                arg("canary-pod-hash", "{{ .Rollout.Status.CurrentPodHash }}")), freight))
                .isInstanceOf(MeasurementException.class)
                .hasMessage("stage preprod, verification arg 'rollout-name' names the Rollout that {{ .Rollout... }}"
                        + " arguments read, so it cannot read the Rollout itself; give it a plain value");
    }

    @Test
    void anUnreachableClusterIsAClearError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String apiServer = "http://127.0.0.1:" + closedPort;
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(apiServer).withRequestRetryBackoffLimit(0).build()).build()) {
            VerificationArgs offline = new VerificationArgs(() -> unreachable);
            assertThatThrownBy(() -> offline.resolve(stage(List.of(), arg("service-name", "user-service"),
                    arg("canary-pod-hash", "{{ .Rollout.Status.CurrentPodHash }}")), freight))
                    .isInstanceOf(MeasurementException.class)
                    .hasMessageStartingWith("stage preprod, verification arg 'canary-pod-hash' (stages/preprod-stage.yaml:40"
                            + " spec.verification.args[canary-pod-hash]): could not read Rollout 'user-service' in"
                            + " namespace 'myapp' from Kubernetes at " + apiServer)
                    .hasMessageEndingWith("; make the cluster reachable through the kubeconfig (KUBECONFIG,"
                            + " ~/.kube/config or the in-cluster service account), or give the argument a plain value");
        }
    }

    private String resolveOne(String value) throws Exception {
        return args.resolve(stage(List.of(), arg("service-name", "user-service"), arg("hash", value)), freight)
                .get("hash");
    }

    /** A Rollout as Argo Rollouts leaves it during a canary: its status has both hashes and the canary's weights. */
    private void createRollout(String namespace, String name, String stableRS, String currentPodHash) {
        Map<String, Object> canary = new LinkedHashMap<>();
        canary.put("weights", Map.of("canary", Map.of("podTemplateHash", currentPodHash, "weight", 20),
                "stable", Map.of("podTemplateHash", stableRS, "weight", 80)));
        canary.put("stablePingPong", "ping");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Healthy");
        status.put("currentPodHash", currentPodHash);
        status.put("stableRS", stableRS);
        status.put("HPAReplicas", 3);
        status.put("canary", canary);
        GenericKubernetesResource rollout = new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1").withKind("Rollout")
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("replicas", 5), "status", status))
                .build();
        client.genericKubernetesResources(RolloutFields.ROLLOUT).inNamespace(namespace).resource(rollout).create();
    }

    private static Verification.Argument arg(String name, String value) {
        return new Verification.Argument(name, value,
                new SourceLocation("stages/preprod-stage.yaml", 40, "spec.verification.args[" + name + "]"));
    }

    private static Stage stage(List<ExpressionVariable> vars, Verification.Argument... args) {
        SourceLocation location = new SourceLocation("stages/preprod-stage.yaml", 1, "");
        Verification verification = new Verification(
                List.of(new Verification.TemplateReference("canary-metrics",
                        ResourceKind.ANALYSIS_TEMPLATE, location)),
                List.of(args), Map.of(), Map.of(), location);
        return new Stage("myapp", "preprod", Map.of(), vars, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(verification), location);
    }

    private static Freight freight(FreightOrigin origin, List<FreightImage> images, List<FreightChart> charts,
                                   List<FreightCommit> commits) {
        String name = FreightId.of(origin, commits, images, charts, List.of());
        return new Freight(name, "", origin, Instant.parse("2026-11-27T09:00:00Z"), images, charts, commits,
                List.of());
    }
}
