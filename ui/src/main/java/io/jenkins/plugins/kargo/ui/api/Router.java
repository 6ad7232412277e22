package io.jenkins.plugins.kargo.ui.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API's routes: a method and a path pattern ({@code /projects/{project}/stages/{stage}}) each, with the access it
 * needs and its handler. A server matches a request here, checks the route's {@link Access} its own way, and calls
 * it; so {@code kargo serve} and the Jenkins plugin answer the same paths with the same code.
 */
public final class Router {

    /** What a route does with a request. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, List<String> pattern, Access access, Handler handler) {
    }

    /** A request's route and the values of its path's named segments. */
    public record Match(Access access, Map<String, String> params, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router get(String pattern, Handler handler) {
        return add("GET", pattern, Access.READ, handler);
    }

    public Router post(String pattern, Access access, Handler handler) {
        return add("POST", pattern, access, handler);
    }

    private Router add(String method, String pattern, Access access, Handler handler) {
        routes.add(new Route(method, segments(pattern), access, handler));
        return this;
    }

    /**
     * The route for a request.
     *
     * @param path the path under the API's base, such as {@code /projects/myapp/pipeline}, still percent-encoded
     * @throws ApiException 404 when no route has the path, 405 when none has it with this method
     */
    public Match match(String method, String path) {
        List<String> segments = segments(path);
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = params(route.pattern(), segments);
            if (params.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route.access(), params.get(), route.handler());
                }
                allowed.add(route.method());
            }
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("no API at " + path + "; see docs/api.md");
        }
        throw new ApiException(405, "method-not-allowed", method + " is not allowed on " + path + "; allowed: "
                + String.join(", ", allowed));
    }

    private static Optional<Map<String, String>> params(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            String s = segments.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                // a path keeps "+" as it is; URLDecoder would read it as a space, as in a form
                params.put(p.substring(1, p.length() - 1),
                        URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            } else if (!p.equals(s)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
