package io.jenkins.plugins.kargo.credentials;

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
}
