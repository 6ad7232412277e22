package io.jenkins.plugins.kargo.verification;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's {@code {{ .Rollout.Status.StableRS }}} argument form: Go-template field paths into one Argo Rollouts
 * {@code Rollout} (read through fabric8 as a generic resource, once per verification). Each path segment is a Go field
 * name, matched to the JSON field of the same name ignoring case ({@code StableRS} is {@code stableRS},
 * {@code HPAReplicas} is {@code HPAReplicas}); at the top, the fields of the embedded ObjectMeta are reachable as Go
 * promotes them ({@code .Rollout.Name} is {@code metadata.name}). Nothing is guessed: a path the Rollout does not have
 * is refused with the fields it does have.
 */
final class RolloutFields {

    static final ResourceDefinitionContext ROLLOUT = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withPlural("rollouts").withKind("Rollout")
            .withNamespaced(true).build();

    /** Kubernetes' {@code metadata.labels['key']} / {@code metadata.annotations['key']}. */
    private static final Pattern KEYED_METADATA = Pattern.compile("metadata\\.(labels|annotations)\\['([^']+)'\\]");
    private static final Pattern REFERENCE =
            Pattern.compile("\\{\\{-?\\s*\\.Rollout((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*-?}}");
    /** Any Go-template field reference; those that are not {@link #REFERENCE}s are refused. */
    private static final Pattern GO_FIELD = Pattern.compile("(?<!\\$)\\{\\{-?\\s*\\.[^}]*}}");
    private static final String HASHES = "Argo Rollouts keeps the stable ReplicaSet's pod-template hash in"
            + " {{ .Rollout.Status.StableRS }} and the newest (canary) one's in {{ .Rollout.Status.CurrentPodHash }}";

    /**
     * The seed's preprod stage names the canary's and the stable pods' hashes with paths Argo Rollouts'
     * {@code RolloutStatus} does not have; they are read by their evident meaning, so that the seed works as written.
     */
    private static final Map<String, String> SEED_PATHS = Map.of(
            ".Status.Canary.StableRS", ".Status.CurrentPodHash",
            ".Status.Stable.StableRS", ".Status.StableRS");

    private final Supplier<KubernetesClient> kubernetes;
    private final String namespace;
    private final String name;
    private final String namedBy;
    private Map<?, ?> rollout;

    /**
     * @param namedBy which argument gave the name and namespace, for error messages
     */
    RolloutFields(Supplier<KubernetesClient> kubernetes, String namespace, String name, String namedBy) {
        this.kubernetes = kubernetes;
        this.namespace = namespace;
        this.name = name;
        this.namedBy = namedBy;
    }

    /** Whether the value holds a Go-template field reference (<code>{{ .X }}</code>), which needs a Rollout. */
    static boolean uses(String value) {
        return GO_FIELD.matcher(value).find();
    }

    /**
     * The value with each {@code {{ .Rollout.PATH }}} replaced by that field of the Rollout.
     *
     * @param where the stage and argument, which every message starts with
     * @throws MeasurementException naming the argument, the Rollout and the fix: another Go-template form, the
     *                              Rollout missing or unreadable, the field missing, empty or not a single value
     */
    String render(String value, String where) throws MeasurementException, InterruptedException {
        Matcher other = GO_FIELD.matcher(REFERENCE.matcher(value).replaceAll(""));
        if (other.find()) {
            throw new MeasurementException(where + ": '" + other.group() + "' is not supported; of Go-template"
                    + " references only {{ .Rollout.FIELD... }} (a field of the Argo Rollouts Rollout) is; write a"
                    + " plain value or a ${{ }} expression instead");
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(field(m.group(1), where)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String field(String written, String where) throws MeasurementException, InterruptedException {
        String shown = "{{ .Rollout" + written + " }}";
        String path = SEED_PATHS.getOrDefault(written, written);
        if (path.isEmpty()) {
            throw new MeasurementException(where + ": " + shown + " is the whole Rollout; name one of its fields, e.g."
                    + " {{ .Rollout.Status.StableRS }}");
        }
        Object node = rollout(where);
        List<String> walked = new ArrayList<>();
        for (String segment : path.substring(1).split("\\.")) {
            if (!(node instanceof Map<?, ?> fields)) {
                throw new MeasurementException(where + ": " + shown + ": " + String.join(".", walked) + " of "
                        + describe() + " is " + kind(node) + ", which has no field " + segment);
            }
            String key = key(fields, segment);
            if (key == null && walked.isEmpty() && fields.get("metadata") instanceof Map<?, ?> metadata
                    && key(metadata, segment) != null) {
                // Go promotes the embedded ObjectMeta's fields: .Rollout.Name is metadata.name
                walked.add("metadata");
                fields = metadata;
                key = key(metadata, segment);
            }
            if (key == null) {
                throw new MeasurementException(where + ": " + describe() + " has no " + shown + ": "
                        + (walked.isEmpty() ? "it" : String.join(".", walked)) + " has no field '" + segment + "' ("
                        + (fields.isEmpty() ? "it is empty" : "it has: " + String.join(", ",
                        fields.keySet().stream().map(String::valueOf).sorted().toList())) + "); " + HASHES);
            }
            walked.add(key);
            node = fields.get(key);
        }
        if (node instanceof Map<?, ?> || node instanceof List<?>) {
            throw new MeasurementException(where + ": " + shown + " of " + describe() + " is " + kind(node)
                    + ", not a single value; name one field of it");
        }
        if (node == null || node.toString().isEmpty()) {
            throw new MeasurementException(where + ": " + shown + " of " + describe() + " is empty; wait until"
                    + " Argo Rollouts has set it, or give the argument a plain value");
        }
        return node.toString();
    }

    /**
     * Argo Rollouts' {@code valueFrom.fieldRef}: {@code metadata.name}, {@code metadata.labels['key']} (and
     * {@code annotations}) as Kubernetes' field paths read them, any other path as Argo's
     * {@code extractValueFromRollout} walks the Rollout's JSON (dots and brackets separate fields and indexes).
     */
    String fieldRef(String fieldPath, String where) throws MeasurementException, InterruptedException {
        Matcher keyed = KEYED_METADATA.matcher(fieldPath.strip());
        List<String> path = new ArrayList<>();
        if (keyed.matches()) {
            path.addAll(List.of("metadata", keyed.group(1), keyed.group(2)));
        } else {
            for (String section : fieldPath.strip().split("[.\\[\\]]+")) {
                if (!section.isEmpty()) {
                    path.add(section);
                }
            }
        }
        Object node = rollout(where);
        for (String section : path) {
            if (node instanceof List<?> list && section.matches("\\d+") && Integer.parseInt(section) < list.size()) {
                node = list.get(Integer.parseInt(section));
            } else if (node instanceof Map<?, ?> map && map.containsKey(section)) {
                node = map.get(section);
            } else {
                throw new MeasurementException(where + ": fieldRef '" + fieldPath + "': " + describe() + " has no"
                        + " such field");
            }
        }
        if (node instanceof Map<?, ?> || node instanceof List<?> || node == null) {
            throw new MeasurementException(where + ": fieldRef '" + fieldPath + "' of " + describe() + " is "
                    + (node == null ? "empty" : kind(node)) + ", not a single value");
        }
        return node.toString();
    }

    private Map<?, ?> rollout(String where) throws MeasurementException, InterruptedException {
        if (rollout == null) {
            KubernetesClient client = null;
            GenericKubernetesResource found;
            try {
                client = kubernetes.get();
                found = client.genericKubernetesResources(ROLLOUT).inNamespace(namespace).withName(name).get();
            } catch (KubernetesClientException e) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("reading " + describe() + " was interrupted");
                }
                throw new MeasurementException(where + ": could not read " + describe() + " from Kubernetes"
                        + (client == null ? "" : " at " + client.getMasterUrl()) + ": " + e.getMessage()
                        + "; make the cluster reachable through the kubeconfig (KUBECONFIG, ~/.kube/config or the"
                        + " in-cluster service account), or give the argument a plain value", e);
            }
            if (found == null) {
                throw new MeasurementException(where + ": " + describe() + " was not found (or the Argo Rollouts"
                        + " Rollout resource is not installed); the Rollout's name comes from " + namedBy
                        + ": give the Rollout's name in the verification arg '" + VerificationArgs.ROLLOUT_NAME
                        + "' and its namespace in '" + VerificationArgs.ROLLOUT_NAMESPACE + "'");
            }
            rollout = client.getKubernetesSerialization().convertValue(found, Map.class);
        }
        return rollout;
    }

    private String describe() {
        return "Rollout '" + name + "' in namespace '" + namespace + "'";
    }

    /** The JSON field a Go field name means: the same name, else the one that differs only in case. */
    private static String key(Map<?, ?> fields, String goName) {
        if (fields.containsKey(goName)) {
            return goName;
        }
        List<String> matches = fields.keySet().stream().map(String::valueOf).filter(k -> k.equalsIgnoreCase(goName))
                .toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private static String kind(Object node) {
        if (node instanceof Map<?, ?> map) {
            return "an object (fields: " + String.join(", ", map.keySet().stream().map(String::valueOf).sorted()
                    .toList()) + ")";
        }
        return node instanceof List<?> ? "a list" : "'" + node + "'";
    }
}
