package io.jenkins.plugins.kargo.api;

import java.util.Map;
import java.util.Optional;

/**
 * A {@code v1 Secret} of a project directory: a Kargo credential (labelled {@value #CRED_TYPE_LABEL}) or data that
 * expressions ({@code secret('name')}) and analysis arguments ({@code valueFrom.secretKeyRef}) read. Its values are
 * {@link SecretValue}s: never shown, and kept in the credentials store, never in the configuration store.
 *
 * @param project the project ({@code metadata.namespace}); empty for the shared resources namespace
 *                ({@value #SHARED_NAMESPACE}), whose Secrets every project may use as Kargo's are
 * @param data    {@code stringData} and the decoded {@code data}, by key
 */
public record Secret(String project, String name, Map<String, String> labels, Map<String, SecretValue> data,
                     SourceLocation location) implements KargoResource {

    /** Kargo's label for credential Secrets. */
    public static final String CRED_TYPE_LABEL = "kargo.akuity.io/cred-type";
    /** Kargo's namespace for resources shared by every project ({@code sharedSecret()}, shared credentials). */
    public static final String SHARED_NAMESPACE = "kargo-shared-resources";

    public Secret {
        labels = Map.copyOf(labels);
        data = Map.copyOf(data);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.SECRET;
    }

    /** {@code image}, {@code git}, {@code helm}, {@code generic} (or this product's {@code npm}), if labelled. */
    public Optional<String> credentialType() {
        return Optional.ofNullable(labels.get(CRED_TYPE_LABEL));
    }

    public Optional<SecretValue> value(String key) {
        return Optional.ofNullable(data.get(key));
    }

    @Override
    public String toString() {
        return "Secret[project=" + project + ", name=" + name + ", keys=" + data.keySet() + "]";
    }
}
