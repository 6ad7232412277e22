package io.jenkins.plugins.kargo.discovery.http;

import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The final answer to a {@link RegistryRequest}, after retries and redirects. Any status may come back: the caller
 * decides what a 401 or 404 means and words the error with {@link #failure(String)}.
 *
 * @param request  the request as first sent
 * @param uri      where the answer came from (differs from the request's after a redirect)
 * @param status   HTTP status code
 * @param headers  response headers
 * @param body     the body, empty for HEAD
 * @param attempts how many times the request was sent (1 when nothing was retried)
 */
public record RegistryResponse(RegistryRequest request, URI uri, int status, HttpHeaders headers, byte[] body,
                               int attempts) {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(304, "Not Modified"),
            Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code 404 Not Found}. */
    public String statusLine() {
        return reasonPhrase(status).map(reason -> status + " " + reason).orElse(String.valueOf(status));
    }

    /**
     * An error for this response: {@code "GET https://host/v2/x/tags/list: 401 Unauthorized — <hint>"}, plus the
     * attempt count when the request was retried.
     *
     * @param hint what the user can do about it; may be empty
     */
    public DiscoveryException failure(String hint) {
        StringBuilder message = new StringBuilder(request.describe()).append(": ").append(statusLine());
        if (attempts > 1) {
            message.append(" (after ").append(attempts).append(" attempts)");
        }
        if (!hint.isEmpty()) {
            message.append(" — ").append(hint);
        }
        return new DiscoveryException(message.toString());
    }

    static Optional<String> reasonPhrase(int status) {
        return Optional.ofNullable(REASONS.get(status));
    }

    @Override
    public String toString() {
        return "RegistryResponse[" + request.describe() + " -> " + statusLine() + ", " + body.length + " bytes]";
    }
}
