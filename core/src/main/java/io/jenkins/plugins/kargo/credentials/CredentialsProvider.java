package io.jenkins.plugins.kargo.credentials;

import java.util.Optional;

/**
 * Port: finds the credentials for a repository URL. The CLI reads them from its own configuration, the Jenkins
 * plugin from Jenkins credentials; the engine only asks.
 */
@FunctionalInterface
public interface CredentialsProvider {

    CredentialsProvider NONE = (url, kind) -> Optional.empty();

    Optional<Credentials> find(String repoURL, CredentialKind kind);

    /**
     * The credentials for work in {@code project}: the engine's own provider puts the project's credential Secrets
     * first (as Kargo looks in the project's namespace first); a face's provider serves every project alike.
     */
    default CredentialsProvider forProject(String project) {
        return this;
    }
}
