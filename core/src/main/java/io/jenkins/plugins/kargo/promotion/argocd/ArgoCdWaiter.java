package io.jenkins.plugins.kargo.promotion.argocd;

import static io.jenkins.plugins.kargo.promotion.StepConfig.listOrEmpty;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kargo's {@code argocd-wait} ({@code pkg/promotion/runner/builtin/argocd_waiter.go}): waits until Argo CD
 * Applications, by {@code name} or label {@code selector} in {@code namespace} (default {@code argocd}), are what
 * {@code waitFor} asks ({@link AppReadiness}; default health, sync and operation), watching them (fabric8 informers)
 * for at most five minutes (Kargo's default timeout for the step). It changes nothing and needs no authorisation
 * annotation. Output: {@code apps} ({@code name}, {@code namespace} of each) and {@code healthStatus} (namespace/name
 * to health).
 */
public final class ArgoCdWaiter implements PromotionStepRunner {

    public static final String NAME = "argocd-wait";

    private final KubernetesClient client;
    private final Duration timeout;

    /** @param client the cluster where Argo CD runs; the caller owns (and closes) it */
    public ArgoCdWaiter(KubernetesClient client) {
        this(client, ArgoCdUpdater.DEFAULT_TIMEOUT);
    }

    public ArgoCdWaiter(KubernetesClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The step's {@code config}. */
    record Config(List<AppWait> apps) {
        Config {
            require(apps != null && !apps.isEmpty(), "apps", "is required", "list the Applications to wait for");
            apps = List.copyOf(apps);
        }
    }

    /** One {@code apps[]} entry. */
    record AppWait(String name, String namespace, ArgoCdUpdateConfig.AppSelector selector, List<String> waitFor) {
        AppWait {
            require((name == null || name.isBlank()) != (selector == null), "", selector == null
                    ? "names no Application" : "sets both name and selector", "give either name or selector");
            namespace = namespace == null ? ArgoCdUpdateConfig.AppUpdate.DEFAULT_NAMESPACE : namespace;
            waitFor = listOrEmpty(waitFor).isEmpty() ? AppReadiness.DEFAULT : List.copyOf(waitFor);
            for (String condition : waitFor) {
                require(AppReadiness.CONDITIONS.contains(condition), "waitFor", "has '" + condition + "'",
                        "use " + String.join(", ", AppReadiness.CONDITIONS));
            }
        }
    }

    @Override
    public StepResult run(StepContext context, JsonNode config) throws InterruptedException {
        Config cfg;
        try {
            cfg = StepConfig.bind(NAME, config, Config.class);
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> apps = new ArrayList<>();
        Map<String, Object> health = new LinkedHashMap<>();
        List<String> messages = new ArrayList<>();
        try {
            for (int i = 0; i < cfg.apps().size(); i++) {
                AppWait wait = cfg.apps().get(i);
                List<GenericKubernetesResource> found = find(wait);
                if (found.isEmpty()) {
                    return StepResult.errored(NAME + ": apps[" + i + "]: no Argo CD Application "
                            + (wait.name() != null ? "'" + wait.name() + "'" : "matching " + wait.selector())
                            + " in namespace '" + wait.namespace() + "'");
                }
                for (GenericKubernetesResource resource : found) {
                    ArgoCdApplication app = ArgoCdApplication.of(resource);
                    apps.add(Map.of("name", app.name(), "namespace", app.namespace()));
                    Watched watched = await(context, app, wait.waitFor(), deadline);
                    health.put(app.namespace() + "/" + app.name(), watched.health());
                    messages.add(watched.readiness().reason());
                    Map<String, Object> output = Map.of("apps", apps, "healthStatus", health);
                    switch (watched.readiness().state()) {
                        case FAILED -> {
                            return new StepResult(io.jenkins.plugins.kargo.promotion.StepStatus.Failed, output,
                                    NAME + ": " + watched.readiness().reason());
                        }
                        case WAITING -> {
                            return new StepResult(io.jenkins.plugins.kargo.promotion.StepStatus.Errored, output,
                                    NAME + ": timed out after " + timeout.toSeconds() + "s: "
                                            + watched.readiness().reason());
                        }
                        default -> {
                            // ready: the next one
                        }
                    }
                }
            }
            return StepResult.succeeded(Map.of("apps", apps, "healthStatus", health), String.join("; ", messages));
        } catch (KubernetesClientException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException(NAME + " aborted");
            }
            return StepResult.errored(NAME + ": Kubernetes API: " + e.getMessage());
        }
    }

    private List<GenericKubernetesResource> find(AppWait wait) {
        var inNamespace = client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace(wait.namespace());
        if (wait.name() != null) {
            GenericKubernetesResource found = inNamespace.withName(wait.name()).get();
            return found == null ? List.of() : List.of(found);
        }
        return inNamespace.withLabelSelector(ArgoCdUpdater.labelSelector(wait.selector())).list().getItems();
    }

    private record Watched(AppReadiness readiness, String health) {
    }

    /** Watches one Application until it is ready, cannot become ready, or the deadline passes. */
    private Watched await(StepContext context, ArgoCdApplication first, List<String> waitFor, long deadline)
            throws InterruptedException {
        Resource<GenericKubernetesResource> resource = client.genericKubernetesResources(ArgoCdApplication.RESOURCE)
                .inNamespace(first.namespace()).withName(first.name());
        String[] previousHealth = {""};
        AppReadiness[] last = {null};
        boolean[] refreshRequested = {false};
        if (Thread.interrupted()) {
            throw new InterruptedException(NAME + " aborted");
        }
        CompletableFuture<List<GenericKubernetesResource>> settled = resource.informOnCondition(items -> {
            if (items.isEmpty()) {
                return true;
            }
            ArgoCdApplication app = ArgoCdApplication.of(items.get(0));
            AppReadiness readiness = AppReadiness.of(app, waitFor, previousHealth[0]);
            if (last[0] == null || !last[0].reason().equals(readiness.reason())) {
                context.log().info(NAME + ": " + readiness.reason());
            }
            last[0] = readiness;
            previousHealth[0] = app.health();
            if (readiness.state() == AppReadiness.State.WAITING && !app.refreshedSinceOperation()
                    && !refreshRequested[0]) {
                refreshRequested[0] = true;
                // as Kargo: ask Argo CD to look again, so the health describes what the operation did
                resource.edit(r -> {
                    Map<String, String> annotations = new LinkedHashMap<>(r.getMetadata().getAnnotations() == null
                            ? Map.of() : r.getMetadata().getAnnotations());
                    annotations.put(ArgoCdUpdater.REFRESH_ANNOTATION, "normal");
                    r.getMetadata().setAnnotations(annotations);
                    return r;
                });
            }
            return readiness.state() != AppReadiness.State.WAITING;
        });
        try {
            List<GenericKubernetesResource> items = settled.get(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            return items.isEmpty() ? deleted(first) : new Watched(last[0], previousHealth[0]);
        } catch (TimeoutException e) {
            // one last look: the watch may not have delivered the latest state yet
            GenericKubernetesResource current = resource.get();
            if (current == null) {
                return deleted(first);
            }
            ArgoCdApplication app = ArgoCdApplication.of(current);
            return new Watched(AppReadiness.of(app, waitFor, previousHealth[0]), app.health());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KubernetesClientException k ? k : new KubernetesClientException(
                    "watching Argo CD Application " + first.ref(), e.getCause());
        } finally {
            settled.cancel(true);
        }
    }

    private static Watched deleted(ArgoCdApplication app) {
        return new Watched(new AppReadiness(AppReadiness.State.FAILED, "Argo CD Application " + app.ref()
                + " was deleted while waited for"), "");
    }
}
