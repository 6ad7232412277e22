package io.jenkins.plugins.kargo.ui.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call of the API as the server in front hands it over, after its own authentication.
 *
 * @param params the path's named segments ({@code {project}}, {@code {stage}}, ...), decoded
 * @param query  the query's parameters, decoded, each with its values in order
 * @param body   the request's body (JSON for writes), empty when none
 * @param actor  who calls, as the server authenticated them: recorded with every write; empty for anonymous reads
 */
public record ApiRequest(Map<String, String> params, Map<String, List<String>> query, String body, String actor) {

    public ApiRequest {
        params = Map.copyOf(params);
        query = Map.copyOf(query);
        body = body == null ? "" : body;
        actor = actor == null ? "" : actor;
    }

    /** A path parameter the route declares. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no parameter " + name);
        }
        return value;
    }

    /** The first value of a query parameter, if given and not blank. */
    public Optional<String> query(String name) {
        return query.getOrDefault(name, List.of()).stream().filter(v -> !v.isBlank()).findFirst();
    }

    /** Every non-blank value of a repeatable query parameter ({@code ?maturity=alpha&maturity=beta}). */
    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of()).stream().filter(v -> !v.isBlank()).toList();
    }

    /** A query parameter that must be a whole number between {@code min} and {@code max}, else 400. */
    public int intQuery(String name, int defaultValue, int min, int max) {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("query parameter " + name + " must be a whole number from " + min + " to "
                + max + ", not \"" + text.get() + "\"");
    }
}
