package io.jenkins.plugins.kargo.controller;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigMap;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.expr.kargo.ProjectData;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What Kargo's {@code secret()}, {@code sharedSecret()}, {@code configMap()} and {@code sharedConfigMap()} read here:
 * the credentials port's Secrets (a project's own applied Secrets first) and the ConfigMaps applied with the
 * project's directory. Shared ConfigMaps and metadata are not kept by this product yet, so {@code sharedConfigMap()}
 * is empty and {@code freightMetadata()} / {@code stageMetadata()} are nil, as Kargo gives when there is none.
 */
final class EngineProjectData implements ProjectData {

    private final CredentialsProvider credentials;
    private final AppliedConfigurations configurations;

    EngineProjectData(CredentialsProvider credentials, AppliedConfigurations configurations) {
        this.credentials = credentials;
        this.configurations = configurations;
    }

    @Override
    public Map<String, String> secret(String project, String name) {
        return credentials.secretData(project, name);
    }

    @Override
    public Map<String, String> sharedSecret(String name) {
        return credentials.sharedSecretData(name);
    }

    @Override
    public Map<String, String> configMap(String project, String name) {
        try {
            return configurations.of(project).configMap(project, name).map(ConfigMap::data).orElse(Map.of());
        } catch (ConfigException | NoSuchElementException e) {
            return Map.of(); // no configuration: no ConfigMap, as Kargo gives for one that does not exist
        }
    }
}
