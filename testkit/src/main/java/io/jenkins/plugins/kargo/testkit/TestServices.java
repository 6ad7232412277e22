package io.jenkins.plugins.kargo.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the real servers started by {@code ci/services.sh} listen. Values come from the environment, else from
 * {@code .services/env} in the repository root. A test that needs a service that is not running fails with the
 * command that starts it: tests never fall back to a fake.
 */
public final class TestServices {

    private static final Map<String, String> VALUES = load();

    private TestServices() {
    }

    /** {@code host:port} of the anonymous OCI registry. */
    public static String registry() {
        return get("KARGO_TEST_REGISTRY");
    }

    /** {@code host:port} of the OCI registry that requires basic auth. */
    public static String authRegistry() {
        return get("KARGO_TEST_AUTH_REGISTRY");
    }

    public static String authRegistryUser() {
        return get("KARGO_TEST_AUTH_REGISTRY_USER");
    }

    public static String authRegistryPassword() {
        return get("KARGO_TEST_AUTH_REGISTRY_PASSWORD");
    }

    /**
     * {@code host:port} of the OCI registry with token auth ({@code auth: token:}): it answers 401 with a
     * {@code Bearer} challenge whose realm is {@link #tokenServer()}.
     */
    public static String tokenRegistry() {
        return get("KARGO_TEST_TOKEN_REGISTRY");
    }

    /** The user the token server grants every scope it asks for (Basic credentials to the token server). */
    public static String tokenRegistryUser() {
        return get("KARGO_TEST_TOKEN_REGISTRY_USER");
    }

    public static String tokenRegistryPassword() {
        return get("KARGO_TEST_TOKEN_REGISTRY_PASSWORD");
    }

    /** The token server's realm URL, {@code http://127.0.0.1:port/token} (see {@link RegistryTokenServer}). */
    public static String tokenServer() {
        return get("KARGO_TEST_TOKEN_SERVER");
    }

    /** Base URL of Verdaccio, {@code http://127.0.0.1:port}. */
    public static String npmRegistry() {
        return get("KARGO_TEST_NPM_REGISTRY");
    }

    public static String get(String key) {
        String value = VALUES.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(key + " is not set: start the test services first with `ci/services.sh start`"
                    + " (or run the whole suite with `ci/test.sh`)");
        }
        return value;
    }

    private static Map<String, String> load() {
        Map<String, String> values = new HashMap<>();
        Path envFile = findEnvFile();
        if (envFile != null) {
            try {
                for (String line : Files.readAllLines(envFile)) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + envFile, e);
            }
        }
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("KARGO_TEST_")) {
                values.put(k, v);
            }
        });
        return Map.copyOf(values);
    }

    private static Path findEnvFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".services/env");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
