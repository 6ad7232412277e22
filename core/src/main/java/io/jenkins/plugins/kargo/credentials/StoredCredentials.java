package io.jenkins.plugins.kargo.credentials;

import io.jenkins.plugins.kargo.api.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials the engine uses, in Kargo's order ({@code pkg/credentials/kubernetes/database.go}): a project's
 * own credential Secrets (applied with its directory), then the shared resources namespace's, then what the face
 * provides (the CLI's {@code credentials.yaml}, Jenkins credentials). Within each, Secrets are tried in name order.
 */
public final class StoredCredentials implements CredentialsProvider {

    private final SecretStore store;
    private final CredentialsProvider face;

    public StoredCredentials(SecretStore store, CredentialsProvider face) {
        this.store = store;
        this.face = face;
    }

    /** Without a project: the shared Secrets, then the face's. */
    @Override
    public Optional<Credentials> find(String repoURL, CredentialKind kind) {
        return SecretCredentials.fromProject(store.secrets("")).find(repoURL, kind).or(() -> face.find(repoURL, kind));
    }

    @Override
    public CredentialsProvider forProject(String project) {
        return (repoURL, kind) -> SecretCredentials.fromProject(store.secrets(project)).find(repoURL, kind)
                .or(() -> find(repoURL, kind));
    }

    /** A project's own Secret (applied with its directory) before the face's. */
    @Override
    public Map<String, String> secretData(String project, String name) {
        return store.secret(project, name).map(StoredCredentials::revealed)
                .orElseGet(() -> face.secretData(project, name));
    }

    /** A shared Secret applied to the shared resources namespace before the face's; only a generic one, as in Kargo. */
    @Override
    public Map<String, String> sharedSecretData(String name) {
        return store.secret("", name)
                .map(s -> s.credentialType().filter("generic"::equals).isPresent() ? revealed(s) : Map.<String, String>of())
                .orElseGet(() -> face.sharedSecretData(name));
    }

    private static Map<String, String> revealed(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        secret.data().forEach((key, value) -> data.put(key, value.reveal()));
        return Map.copyOf(data);
    }
}
