package io.jenkins.plugins.kargo.credentials;

import java.util.Map;
import java.util.Optional;

/**
 * Port: finds the credentials for a repository URL, and the Secrets Kargo's {@code secret()} and
 * {@code sharedSecret()} expressions read. The CLI reads them from its own configuration, the Jenkins plugin from
 * Jenkins credentials; the engine only asks.
 */
@FunctionalInterface
public interface CredentialsProvider {

    CredentialsProvider NONE = (url, kind) -> Optional.empty();

    Optional<Credentials> find(String repoURL, CredentialKind kind);

    /**
     * The data of the project's Secret {@code name}, for Kargo's {@code secret(name)} expressions; empty when there
     * is none (Kargo's rule). Values must never be logged.
     */
    default Map<String, String> secretData(String project, String name) {
        return Map.of();
    }

    /**
     * The data of the shared Secret {@code name}, for {@code sharedSecret(name)}: as in Kargo, only a Secret labelled
     * {@code kargo.akuity.io/cred-type: generic}; empty otherwise.
     */
    default Map<String, String> sharedSecretData(String name) {
        return Map.of();
    }

    /**
     * The credentials for work in {@code project}: the engine's own provider puts the project's credential Secrets
     * first (as Kargo looks in the project's namespace first); a face's provider serves every project alike.
     */
    default CredentialsProvider forProject(String project) {
        return this;
    }
}
