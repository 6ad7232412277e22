package io.jenkins.plugins.kargo.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.kargo.testkit.BareGitRepository;
import io.jenkins.plugins.kargo.testkit.CanaryMetrics;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.testkit.PrometheusServer;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The main job's world around {@code kargo serve}, started by {@code ci/demo.sh} after {@code ci/services.sh} has
 * started the OCI registry and Verdaccio: a bare GitOps repository with the seed's overlays, the
 * {@link SimulatedCluster}, a {@link StageApps} app per stage, Prometheus with canary data for the next day, and the
 * example project rewritten to point at all of them. It writes {@code DIR/kargo/} (the project),
 * {@code DIR/kubeconfig} and {@code DIR/sandbox.env}, prints {@value #READY}, and runs until stopped. A control port
 * ({@code SANDBOX_CONTROL} in the env file) turns the canary bad or good: {@code POST /canary/failing},
 * {@code POST /canary/healthy}.
 *
 * <pre>Sandbox DIR</pre>
 */
public final class Sandbox {

    static final String READY = "sandbox ready";
    static final String PROJECT = "myapp";
    static final List<String> STAGES = List.of("dev", "staging", "uat", "preprod", "production");

    private Sandbox() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Sandbox DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        String images = TestServices.registry() + "/services";
        BareGitRepository gitops = BareGitRepository.create(dir, "gitops-config");
        gitops.commit("the seed's overlays", Instant.now(), overlays(images));
        try (SimulatedCluster cluster = SimulatedCluster.start(dir, PROJECT, gitops.fileUrl(), STAGES, ExampleProject.services());
             StageApps apps = StageApps.start(gitops, STAGES);
             PrometheusServer prometheus = PrometheusServer.start(Files.createDirectories(dir.resolve("prometheus")),
                     CanaryMetrics.openMetrics(Instant.now().minus(Duration.ofMinutes(10)), 24 * 60 * 60 / CanaryMetrics.STEP))) {
            HttpServer control = control(cluster);
            Map<String, String> replacements = new LinkedHashMap<>();
            replacements.put("harbor.yourdomain.com/services", images);
            replacements.put("https://verdaccio.yourdomain.com", TestServices.npmRegistry());
            replacements.put("https://github.com/yourorg/gitops-config.git", gitops.fileUrl());
            for (String stage : STAGES) {
                replacements.put("http://user-service." + stage + ".svc.cluster.local", apps.urls().get(stage));
            }
            replacements.put("http://prometheus.monitoring.svc:9090", prometheus.address());
            // versions arrive within seconds, measurements take seconds, not minutes: a demo to watch
            replacements.put("interval: 5m", "interval: 15s");
            replacements.put("interval: 10s", "interval: 2s");
            replacements.put("interval: 1m", "interval: 3s");
            // no Slack here: the notifications are shown by kargo serve's log
            replacements.put("slack:\n        enabled: true", "slack:\n        enabled: false");
            ExampleProject.copyTo(dir.resolve("kargo"), replacements);
            Files.writeString(dir.resolve("sandbox.env"), "KUBECONFIG=" + cluster.kubeconfig() + "\n"
                    + "SANDBOX_CONTROL=http://127.0.0.1:" + control.getAddress().getPort() + "\n"
                    + "SANDBOX_GITOPS=" + gitops.gitDir() + "\n"
                    + "SANDBOX_PROMETHEUS=" + prometheus.address() + "\n"
                    + apps.urls().entrySet().stream().map(e -> "SANDBOX_APP_" + e.getKey().toUpperCase() + "=" + e.getValue() + "\n")
                    .reduce("", String::concat));
            System.out.println(READY + ": project in " + dir.resolve("kargo") + ", cluster simulated at "
                    + cluster.kubeconfig() + ", Prometheus at " + prometheus.address());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "sandbox-stop"));
            stop.await();
            control.stop(0);
        }
    }

    /** The overlay of each stage: the three services at v0.9.0, as the GitOps repository starts. */
    static Map<String, String> overlays(String images) {
        Map<String, String> overlays = new LinkedHashMap<>();
        for (String stage : STAGES) {
            StringBuilder kustomization = new StringBuilder("""
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - ../../base
                    images:
                    """);
            for (String name : ExampleProject.services()) {
                kustomization.append("  - name: ").append(images).append('/').append(name).append("\n    newTag: v0.9.0\n");
            }
            overlays.put("overlays/" + stage + "/kustomization.yaml", kustomization.toString());
        }
        overlays.put("base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources: []\n");
        return overlays;
    }

    private static HttpServer control(SimulatedCluster cluster) throws IOException {
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/canary/", exchange -> {
            String state = exchange.getRequestURI().getPath().substring("/canary/".length());
            int status = 404;
            if (exchange.getRequestMethod().equals("POST") && (state.equals("failing") || state.equals("healthy"))) {
                cluster.canary(state.equals("failing"));
                status = 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        control.start();
        return control;
    }
}
