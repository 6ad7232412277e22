package io.jenkins.plugins.kargo.expr.kargo;

import io.jenkins.plugins.kargo.expr.Functions;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the project data Kargo's expression functions read, {@code secret}, {@code sharedSecret}, {@code configMap},
 * {@code sharedConfigMap}, {@code freightMetadata} and {@code stageMetadata}. Whoever holds that data implements it:
 * today the credentials file for Secrets and the store for metadata; later the project directory's own Secrets and
 * ConfigMaps. Every method answers for one project; nothing found is an empty map (Kargo's rule for Secrets and
 * ConfigMaps) or an empty Optional (nil, for metadata). Implementations must be thread-safe and quick: they are called
 * while an expression is evaluated.
 */
public interface ProjectData {

    /** No data at all: every Secret and ConfigMap is empty, no metadata is set. */
    ProjectData NONE = new ProjectData() {
    };

    /** The data of the project's Secret {@code name}, decoded to text; empty when there is none. */
    default Map<String, String> secret(String project, String name) {
        return Map.of();
    }

    /**
     * The data of the shared Secret {@code name}; as in Kargo, only a Secret labelled
     * {@code kargo.akuity.io/cred-type: generic} is given, any other is empty.
     */
    default Map<String, String> sharedSecret(String name) {
        return Map.of();
    }

    /** The data of the project's ConfigMap {@code name}; empty when there is none. */
    default Map<String, String> configMap(String project, String name) {
        return Map.of();
    }

    /** The data of the shared ConfigMap {@code name}; empty when there is none. */
    default Map<String, String> sharedConfigMap(String name) {
        return Map.of();
    }

    /** The metadata set on a Freight (by name), values as parsed JSON; empty when none is set. */
    default Optional<Map<String, Object>> freightMetadata(String project, String freight) {
        return Optional.empty();
    }

    /** The metadata set on a stage, values as parsed JSON; empty when none is set. */
    default Optional<Map<String, Object>> stageMetadata(String project, String stage) {
        return Optional.empty();
    }

    /** The six functions over {@code data} for expressions of {@code project}. */
    static Functions functions(ProjectData data, String project) {
        return Functions.builder()
                .add("secret", 1, a -> data.secret(project, name(a.string(0), "secret")))
                .add("sharedSecret", 1, a -> data.sharedSecret(name(a.string(0), "sharedSecret")))
                .add("configMap", 1, a -> data.configMap(project, name(a.string(0), "configMap")))
                .add("sharedConfigMap", 1, a -> data.sharedConfigMap(name(a.string(0), "sharedConfigMap")))
                .add("freightMetadata", 1, a -> data.freightMetadata(project, name(a.string(0), "freightMetadata"))
                        .orElse(null))
                .add("stageMetadata", 1, a -> data.stageMetadata(project, name(a.string(0), "stageMetadata"))
                        .orElse(null))
                .build();
    }

    private static String name(String name, String function) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException(function + "(): the name must not be empty");
        }
        return name;
    }
}
