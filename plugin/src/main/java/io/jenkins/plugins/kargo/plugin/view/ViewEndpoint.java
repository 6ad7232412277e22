package io.jenkins.plugins.kargo.plugin.view;

import java.net.URL;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;

/**
 * The Freight view under a Jenkins URL, free of Stapler so every rule here is tested without a Jenkins: static
 * files of the view from the class path ({@code static/...}) and its JSON API ({@code api/...}), each read checked
 * with {@link ViewAccess#checkRead()}, each write refused unless it is a POST with a valid crumb by someone who
 * passes {@link ViewAccess#checkWrite()}.
 */
public final class ViewEndpoint {

    /** The view's JSON API, answering after the endpoint's checks. */
    @FunctionalInterface
    public interface Api {
        ViewResponse handle(String method, String path, Map<String, String[]> query, String body, String actor)
                throws Exception;
    }

    private final String assetRoot;
    private final ClassLoader loader;
    private final Api api;

    /**
     * @param assetRoot the class-path folder of the view's files, with a trailing slash
     */
    public ViewEndpoint(String assetRoot, ClassLoader loader, Api api) {
        this.assetRoot = Objects.requireNonNull(assetRoot);
        this.loader = Objects.requireNonNull(loader);
        this.api = Objects.requireNonNull(api);
    }

    /**
     * @param path the rest of the request's path under the view, such as {@code static/js/main.js} or
     *             {@code api/projects/myapp/pipeline}
     */
    public ViewResponse handle(String method, String path, Map<String, String[]> query, String body,
                               ViewAccess access) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        try {
            if (p.startsWith("api/") || p.equals("api")) {
                return api(method, p.substring(3), query, body, access);
            }
            if (p.startsWith("static/")) {
                access.checkRead();
                if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    return ViewResponse.error(405, "method-not-allowed", method + " is not allowed on " + path);
                }
                return asset(p.substring("static/".length()));
            }
            return ViewResponse.error(404, "not-found", "nothing at " + path);
        } catch (AccessDeniedException e) {
            return ViewResponse.error(403, "forbidden", e.getMessage());
        }
    }

    private ViewResponse api(String method, String path, Map<String, String[]> query, String body,
                             ViewAccess access) {
        if ("POST".equals(method)) {
            if (!access.crumbValid()) {
                return ViewResponse.error(403, "crumb", "no valid crumb: reload the page (Jenkins' CSRF protection)");
            }
            access.checkWrite();
        } else if ("GET".equals(method)) {
            access.checkRead();
        } else {
            return ViewResponse.error(405, "method-not-allowed", method + " is not allowed; use GET or POST");
        }
        try {
            return api.handle(method, path, query, body, "POST".equals(method) ? access.actor() : "");
        } catch (AccessDeniedException e) {
            throw e;
        } catch (Exception e) {
            return ViewResponse.error(500, "internal", String.valueOf(e.getMessage()));
        }
    }

    private ViewResponse asset(String file) {
        for (String segment : file.split("/")) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".") || segment.contains("\\")) {
                return ViewResponse.error(404, "not-found", "no file " + file);
            }
        }
        URL url = loader.getResource(assetRoot + file);
        return url == null ? ViewResponse.error(404, "not-found", "no file " + file) : ViewResponse.asset(url);
    }
}
