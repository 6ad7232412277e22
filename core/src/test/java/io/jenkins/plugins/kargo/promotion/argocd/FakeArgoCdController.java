package io.jenkins.plugins.kargo.promotion.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Plays Argo CD's application controller against the mock API server: it watches Applications and, when one has
 * an {@code operation} it has not started, records what it saw and writes the status Argo CD would: the operation
 * state (with the operation and its sync result), {@code status.sync}, {@code status.health} and
 * {@code reconciledAt}, then drops {@code operation} and the refresh annotation. A {@link Reaction} chosen by the
 * test decides how each sync ends.
 */
public final class FakeArgoCdController implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How Argo CD ends one sync. {@code revisions} are what it synced, one per source. */
    record Reaction(String phase, String message, List<String> revisions, String health, String healthMessage) {

        static Reaction succeeded(List<String> revisions) {
            return new Reaction("Succeeded", "successfully synced (all tasks run)", revisions, "Healthy", "");
        }

        static Reaction degraded(List<String> revisions) {
            return new Reaction("Succeeded", "successfully synced (all tasks run)", revisions, "Degraded",
                    "Deployment \"guestbook\" exceeded its progress deadline");
        }

        static Reaction failed() {
            return new Reaction("Failed", "one or more objects failed to apply, reason: admission webhook denied",
                    List.of(), "Healthy", "");
        }

        /** Argo CD starts the operation and never finishes it. */
        static Reaction running() {
            return new Reaction("Running", "waiting for healthy state of apps/Deployment/guestbook", List.of(),
                    "Progressing", "");
        }
    }

    private final KubernetesClient client;
    private final Function<ArgoCdApplication, Reaction> reaction;
    /** Each Application as the controller found it when it started a sync, in order. */
    final List<ArgoCdApplication> syncRequests = new CopyOnWriteArrayList<>();
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final Semaphore handled = new Semaphore(0);

    /** Syncs every source to its {@code targetRevision} and reports Healthy. */
    public static FakeArgoCdController syncingToTargetRevisions(KubernetesClient client) {
        return new FakeArgoCdController(client, app -> Reaction.succeeded(targetRevisions(app)));
    }

    FakeArgoCdController(KubernetesClient client, Function<ArgoCdApplication, Reaction> reaction) {
        this.client = client;
        this.reaction = reaction;
        this.informer = client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inAnyNamespace()
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource app) {
                        handle(app);
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource app) {
                        handle(app);
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource app, boolean unknownFinalState) {
                    }
                });
    }

    static List<String> targetRevisions(ArgoCdApplication app) {
        return app.sources().stream().map(s -> s.path("targetRevision").asText()).toList();
    }

    private void handle(GenericKubernetesResource resource) {
        ArgoCdApplication app = ArgoCdApplication.of(resource);
        JsonNode operation = app.operation();
        JsonNode state = app.operationState();
        boolean alreadyRunning = state.path("phase").asText().equals("Running") && state.path("operation").equals(operation);
        if (!operation.isObject() || alreadyRunning) {
            return;
        }
        syncRequests.add(app);
        write(resource, reaction.apply(app));
        handled.release();
    }

    /** Blocks until the controller has answered {@code count} sync requests in all. */
    void awaitSyncs(int count) throws InterruptedException {
        if (!handled.tryAcquire(count, 30, TimeUnit.SECONDS)) {
            throw new AssertionError("Argo CD saw " + syncRequests.size() + " sync request(s), not " + count);
        }
        handled.release(count);
    }

    /** Writes what Argo CD reports when the Application's current operation ends with {@code outcome}. */
    void write(GenericKubernetesResource resource, Reaction outcome) {
        ArgoCdApplication app = ArgoCdApplication.of(resource);
        ObjectNode body = app.body().deepCopy();
        ObjectNode status = body.withObjectProperty("status");
        Instant now = Instant.now();
        ObjectNode state = status.putObject("operationState");
        state.set("operation", app.operation());
        state.put("phase", outcome.phase()).put("message", outcome.message()).put("startedAt", now.toString());
        boolean finished = !outcome.phase().equals("Running");
        if (finished) {
            state.put("finishedAt", now.toString());
            if (!outcome.revisions().isEmpty()) {
                putRevisions(state.putObject("syncResult"), outcome.revisions(), app.multiSource());
            }
            body.remove("operation");
        }
        ObjectNode sync = status.putObject("sync");
        sync.put("status", finished && outcome.phase().equals("Succeeded") ? "Synced" : "OutOfSync");
        putRevisions(sync, outcome.revisions().isEmpty() ? targetRevisions(app) : outcome.revisions(),
                app.multiSource());
        status.putObject("health").put("status", outcome.health()).put("message", outcome.healthMessage());
        status.put("reconciledAt", now.toString());

        Map<String, String> annotations = new HashMap<>(app.annotations());
        annotations.remove(ArgoCdUpdater.REFRESH_ANNOTATION);
        resource.getMetadata().setAnnotations(annotations);
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = JSON.convertValue(body, Map.class);
        GenericKubernetesResource updated = new GenericKubernetesResourceBuilder().withApiVersion(resource.getApiVersion())
                .withKind(resource.getKind()).withMetadata(resource.getMetadata()).withAdditionalProperties(fields).build();
        client.genericKubernetesResources(ArgoCdApplication.RESOURCE).inNamespace(app.namespace())
                .resource(updated).update();
    }

    private static void putRevisions(ObjectNode node, List<String> revisions, boolean multiSource) {
        if (multiSource) {
            revisions.forEach(node.putArray("revisions")::add);
        } else {
            node.put("revision", revisions.get(0));
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
