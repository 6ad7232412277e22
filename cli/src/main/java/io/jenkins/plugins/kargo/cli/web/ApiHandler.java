package io.jenkins.plugins.kargo.cli.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.ui.api.Access;
import io.jenkins.plugins.kargo.ui.api.ApiErrors;
import io.jenkins.plugins.kargo.ui.api.ApiException;
import io.jenkins.plugins.kargo.ui.api.ApiRequest;
import io.jenkins.plugins.kargo.ui.api.ApiResponse;
import io.jenkins.plugins.kargo.ui.api.Router;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /api/...}: translates HTTP into the shared {@link Router} and back. Besides the routes, two of
 * {@code kargo serve}'s own: {@code api/session} (who the token names, and the CSRF token) and {@code api/events}
 * (the engine's events as server-sent events).
 */
final class ApiHandler extends Handler.Abstract {

    static final String PREFIX = "/api";
    static final int MAX_BODY = 64 * 1024;

    private final Router router;
    private final AccessPolicy policy;
    private final EventHub events;
    private final ObjectMapper json;
    private final String banner;

    ApiHandler(Router router, AccessPolicy policy, EventHub events, ObjectMapper json, String banner) {
        this.router = router;
        this.policy = policy;
        this.events = events;
        this.json = json;
        this.banner = banner;
    }

    /**
     * What {@code GET api/session} answers.
     *
     * @param banner a line the view shows on every page (kargo serve's {@code --banner}), or null
     */
    record Session(String user, boolean readsOpen, String csrfHeader, String csrfToken, String banner) {
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.startsWith(PREFIX + "/")) { // PathMappingsHandler may have taken the prefix off already
            path = path.substring(PREFIX.length());
        }
        try {
            if (path.equals("/session") && request.getMethod().equals("GET")) {
                write(response, callback, ApiResponse.ok(session(request, response)));
            } else if (path.equals("/events") && request.getMethod().equals("GET")) {
                policy.authorizeRead(request);
                events.open(response, callback);
            } else {
                Router.Match match = router.match(request.getMethod(), path);
                String actor = match.access() == Access.WRITE ? policy.authorizeWrite(request)
                        : policy.authorizeRead(request).orElse("");
                String body = match.access() == Access.WRITE ? body(request) : "";
                ApiRequest call = new ApiRequest(match.params(), query(request), body, actor);
                write(response, callback, match.handler().handle(call));
            }
        } catch (Exception e) {
            ApiException error = ApiErrors.of(e);
            if (error.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"kargo\"");
            }
            write(response, callback, new ApiResponse(error.status(), error.body()));
        }
        return true;
    }

    private Session session(Request request, Response response) {
        Optional<String> user = policy.user(request);
        String csrf = Request.getCookies(request).stream().filter(c -> c.getName().equals(AccessPolicy.CSRF_COOKIE))
                .map(HttpCookie::getValue).filter(v -> v.length() >= Tokens.MIN_LENGTH).findFirst().orElse(null);
        if (csrf == null) {
            csrf = Tokens.random(32);
            Response.addCookie(response, HttpCookie.build(AccessPolicy.CSRF_COOKIE, csrf).path("/").httpOnly(true)
                    .sameSite(HttpCookie.SameSite.STRICT).build());
        }
        boolean readsOpen;
        try {
            policy.authorizeRead(stripAuthorization(request));
            readsOpen = true;
        } catch (ApiException e) {
            readsOpen = false;
        }
        return new Session(user.orElse(null), readsOpen, AccessPolicy.CSRF_HEADER, csrf, banner);
    }

    private static Request stripAuthorization(Request request) {
        return new Request.Wrapper(request) {
            @Override
            public org.eclipse.jetty.http.HttpFields getHeaders() {
                return org.eclipse.jetty.http.HttpFields.build(super.getHeaders()).remove(HttpHeader.AUTHORIZATION);
            }
        };
    }

    private static String body(Request request) throws InterruptedException {
        try {
            return new String(Content.Source.asByteArrayAsync(request, MAX_BODY).get(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw new ApiException(413, "too-large", "the request's body must be at most " + MAX_BODY + " bytes");
        }
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValues());
        }
        return query;
    }

    private void write(Response response, Callback callback, ApiResponse answer) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer.body());
        } catch (Exception e) {
            body = ("{\"error\":{\"status\":500,\"code\":\"internal\",\"message\":\"the answer could not be written as JSON\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            answer = new ApiResponse(500, null);
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, java.nio.ByteBuffer.wrap(body), callback);
    }
}
