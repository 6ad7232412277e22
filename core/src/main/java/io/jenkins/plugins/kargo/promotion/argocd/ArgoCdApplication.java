package io.jenkins.plugins.kargo.promotion.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of an Argo CD {@code Application} as the Kubernetes API returned it (an unstructured resource,
 * so no Argo CD model classes are needed), with the few fields {@code argocd-update} reads.
 */
record ArgoCdApplication(String namespace, String name, String uid, Map<String, String> annotations, JsonNode body) {

    /** Argo CD's Application resource: {@code applications.argoproj.io/v1alpha1}. */
    static final ResourceDefinitionContext RESOURCE = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withPlural("applications").withKind("Application")
            .withNamespaced(true).build();

    static final ObjectMapper JSON = new ObjectMapper();

    ArgoCdApplication {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    static ArgoCdApplication of(GenericKubernetesResource resource) {
        // fabric8 keeps everything but apiVersion, kind and metadata as plain maps: read them as a JSON tree
        return new ArgoCdApplication(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                resource.getMetadata().getUid(), resource.getMetadata().getAnnotations(),
                JSON.valueToTree(resource.getAdditionalProperties()));
    }

    String ref() {
        return "'" + namespace + "/" + name + "'";
    }

    /** {@code spec.sources} is set (a multi-source Application) rather than {@code spec.source}. */
    boolean multiSource() {
        return !body.path("spec").path("sources").isEmpty();
    }

    /** The sources in order: {@code spec.sources}, or {@code spec.source} alone. */
    List<ObjectNode> sources() {
        JsonNode spec = body.path("spec");
        List<ObjectNode> sources = new ArrayList<>();
        if (multiSource()) {
            spec.path("sources").forEach(s -> sources.add(s.deepCopy()));
        } else if (spec.path("source").isObject()) {
            sources.add(spec.path("source").deepCopy());
        }
        return sources;
    }

    JsonNode syncPolicy() {
        return body.path("spec").path("syncPolicy");
    }

    /** A requested operation that Argo CD's controller has not finished yet. */
    JsonNode operation() {
        return body.path("operation");
    }

    JsonNode operationState() {
        return body.path("status").path("operationState");
    }

    String operationPhase() {
        return operationState().path("phase").asText("");
    }

    String syncStatus() {
        return body.path("status").path("sync").path("status").asText("");
    }

    /** The revisions {@code status.sync} says the live state is at, one per source. */
    List<String> syncedRevisions() {
        return revisions(body.path("status").path("sync"));
    }

    /** The revisions the last completed sync applied, one per source. */
    List<String> syncResultRevisions() {
        return revisions(operationState().path("syncResult"));
    }

    String health() {
        return body.path("status").path("health").path("status").asText("");
    }

    /**
     * Argo CD refreshed the Application after its operation finished, so sync and health describe the result
     * (Kargo's health check: a status older than the operation is not evidence).
     */
    boolean refreshedSinceOperation() {
        Optional<Instant> finished = instant(operationState().path("finishedAt"));
        Optional<Instant> reconciled = instant(body.path("status").path("reconciledAt"));
        return finished.isEmpty() || reconciled.isEmpty() || !reconciled.get().isBefore(finished.get());
    }

    /** What Argo CD says, for step messages: operation, sync and health. */
    String describe() {
        String operation = operationPhase().isEmpty()
                ? (operation().isObject() ? "operation requested, not started by Argo CD" : "no operation")
                : "operation " + operationPhase() + quoted(operationState().path("message"));
        String sync = "sync " + or(syncStatus(), "Unknown")
                + (syncedRevisions().isEmpty() ? "" : " at " + String.join(",", syncedRevisions()));
        String health = "health " + or(health(), "Unknown")
                + quoted(body.path("status").path("health").path("message"));
        return operation + ", " + sync + ", " + health;
    }

    /** The step output for this Application: Kargo's {@code {name, namespace}} and what Argo CD reported. */
    Map<String, Object> output() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("namespace", namespace);
        out.put("operationPhase", operationPhase());
        out.put("operationMessage", operationState().path("message").asText(""));
        out.put("syncStatus", syncStatus());
        out.put("revisions", syncedRevisions());
        out.put("health", health());
        out.put("healthMessage", body.path("status").path("health").path("message").asText(""));
        return out;
    }

    private static List<String> revisions(JsonNode node) {
        List<String> revisions = new ArrayList<>();
        if (!node.path("revisions").isEmpty()) {
            node.path("revisions").forEach(r -> revisions.add(r.asText()));
        } else if (!node.path("revision").asText("").isEmpty()) {
            revisions.add(node.path("revision").asText());
        }
        return revisions;
    }

    private static Optional<Instant> instant(JsonNode node) {
        try {
            return node.isTextual() ? Optional.of(Instant.parse(node.asText())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String quoted(JsonNode message) {
        return message.asText("").isEmpty() ? "" : " (\"" + message.asText() + "\")";
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
