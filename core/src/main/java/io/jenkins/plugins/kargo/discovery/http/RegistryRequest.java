package io.jenkins.plugins.kargo.discovery.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One GET or HEAD to a registry. Immutable; the {@code with*} methods return copies.
 *
 * @param method        {@code GET} or {@code HEAD}
 * @param uri           absolute {@code http} or {@code https} URI
 * @param headers       plain headers (never a secret: use {@code authorization})
 * @param authorization sent only to {@code uri}'s own host (dropped on a redirect elsewhere), or null
 * @param insecure      the subscription's {@code insecureSkipTLSVerify}: TLS certificates are not verified
 * @param maxBodyBytes  a longer body fails the request; 0 means the client's default
 */
public record RegistryRequest(String method, URI uri, Map<String, String> headers, Authorization authorization,
                              boolean insecure, long maxBodyBytes) {

    public RegistryRequest {
        Objects.requireNonNull(uri, "uri");
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new IllegalArgumentException("only GET and HEAD are supported, not " + method);
        }
        headers = Map.copyOf(headers);
    }

    public static RegistryRequest get(URI uri) {
        return new RegistryRequest("GET", uri, Map.of(), null, false, 0);
    }

    public static RegistryRequest head(URI uri) {
        return new RegistryRequest("HEAD", uri, Map.of(), null, false, 0);
    }

    public RegistryRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RegistryRequest(method, uri, copy, authorization, insecure, maxBodyBytes);
    }

    public RegistryRequest withAccept(String... mediaTypes) {
        return withHeader("Accept", String.join(", ", mediaTypes));
    }

    /** @param authorization null for an anonymous request */
    public RegistryRequest withAuthorization(Authorization authorization) {
        return new RegistryRequest(method, uri, headers, authorization, insecure, maxBodyBytes);
    }

    public RegistryRequest withInsecure(boolean insecure) {
        return new RegistryRequest(method, uri, headers, authorization, insecure, maxBodyBytes);
    }

    public RegistryRequest withMaxBodyBytes(long maxBodyBytes) {
        return new RegistryRequest(method, uri, headers, authorization, insecure, maxBodyBytes);
    }

    public RegistryRequest withUri(URI uri) {
        return new RegistryRequest(method, uri, headers, authorization, insecure, maxBodyBytes);
    }

    /** {@code GET https://host/path}, the prefix of every error message about this request. */
    public String describe() {
        return method + " " + uri;
    }
}
