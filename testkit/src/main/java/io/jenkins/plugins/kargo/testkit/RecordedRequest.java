package io.jenkins.plugins.kargo.testkit;

/**
 * One request that reached {@link FaultInjectingProxy}.
 *
 * @param path  the path without the query, e.g. {@code /v2/services/api/tags/list}
 * @param query the raw query, or null
 * @param fault the fault injected, or null when the request was simply forwarded
 */
public record RecordedRequest(String method, String path, String query, Fault fault) {
}
