package io.jenkins.plugins.kargo.api;

import java.util.Map;

/**
 * A {@code v1 ConfigMap} of a project directory that expressions read ({@code configMap('name').key}); the
 * dashboard's ConfigMap is a {@link DashboardConfig} instead.
 *
 * @param project the project; empty for the shared resources namespace ({@code sharedConfigMap()})
 */
public record ConfigMap(String project, String name, Map<String, String> data, SourceLocation location)
        implements KargoResource {

    public ConfigMap {
        data = Map.copyOf(data);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.CONFIG_MAP;
    }
}
