package io.jenkins.plugins.kargo.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a request users configured (an {@code http} step's, a {@code web} metric's) and follows its redirects by our
 * rules instead of the JDK's ({@code Redirect.NORMAL} follows any https-to-https hop with every header):
 * <ul>
 *   <li>each location must pass the same rules as the first request: the operator's {@link OutboundPolicy}, and
 *       plain HTTP only to a loopback host ({@link CredentialScheme});</li>
 *   <li>when the origin (scheme, host, port) changes, the request goes on without its headers (credentials and
 *       custom headers alike) and without user info; a 307/308 that would carry a body to another origin is
 *       refused;</li>
 *   <li>301, 302 and 303 continue with GET and no body (as browsers and Go's client do), 307 and 308 with the same
 *       method and body;</li>
 *   <li>at most {@link OutboundPolicy#maxRedirects()} hops.</li>
 * </ul>
 * The client given must not follow redirects itself ({@link HttpClient.Redirect#NEVER}).
 */
public final class Redirects {

    /** The last response, where it came from, and how many redirects led there. */
    public record Exchange<T>(HttpResponse<T> response, URI finalUri, int redirects) {
    }

    /** A redirect the rules do not follow; the message says which and why. */
    public static final class RefusedException extends IOException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private Redirects() {
    }

    /**
     * @param what names the request in messages ({@code "http: GET https://host/path"}, never with a secret)
     * @return the exchange, or a future failed with {@link RefusedException} (or the client's own failure)
     */
    public static <T> CompletableFuture<Exchange<T>> send(HttpClient client, HttpRequest request,
                                                          HttpResponse.BodyHandler<T> body, OutboundPolicy policy,
                                                          String what) {
        Optional<String> refused = policy.refusal(what, request.uri());
        if (refused.isPresent()) {
            return CompletableFuture.failedFuture(new RefusedException(refused.get()));
        }
        return hop(client, request, body, policy, what, 0);
    }

    private static <T> CompletableFuture<Exchange<T>> hop(HttpClient client, HttpRequest request,
                                                        HttpResponse.BodyHandler<T> body, OutboundPolicy policy,
                                                        String what, int redirects) {
        return client.sendAsync(request, body).thenCompose(response -> {
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(status) || location.isEmpty()) {
                return CompletableFuture.completedFuture(new Exchange<>(response, request.uri(), redirects));
            }
            discard(response);
            try {
                HttpRequest next = next(request, status, location.get(), policy, what, redirects);
                return hop(client, next, body, policy, what, redirects + 1);
            } catch (RefusedException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** A status that asks the client to go elsewhere: 301, 302, 303, 307, 308. */
    public static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static <T> HttpRequest next(HttpRequest request, int status, String location, OutboundPolicy policy,
                                        String what, int redirects) throws RefusedException {
        if (redirects >= policy.maxRedirects()) {
            throw new RefusedException(what + ": stopped after " + redirects + " redirects (the operator's"
                    + " maxRedirects); the last one pointed to " + shown(request.uri().resolve(location)));
        }
        URI target;
        try {
            target = request.uri().resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new RefusedException(what + ": a redirect to an invalid location");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            throw new RefusedException(what + ": a redirect to " + scheme + ": is not followed; only http(s)");
        }
        if (scheme.equals("http") && !CredentialScheme.isLoopback(target.getHost())) {
            throw new RefusedException(what + ": a redirect to plain HTTP at " + target.getHost() + ", which is not on"
                    + " loopback, is not followed; redirects follow the rule of the first request (HTTPS, or"
                    + " plain HTTP to loopback only)");
        }
        Optional<String> refused = policy.refusal(what + " (redirected)", target);
        if (refused.isPresent()) {
            throw new RefusedException(refused.get());
        }
        boolean sameOrigin = sameOrigin(request.uri(), target);
        boolean keepMethod = status == 307 || status == 308;
        boolean hasBody = request.bodyPublisher().map(p -> p.contentLength() != 0).orElse(false);
        if (keepMethod && hasBody && !sameOrigin) {
            throw new RefusedException(what + ": a " + status + " redirect to another host (" + target.getHost()
                    + ") would send the request body there; it is not followed");
        }
        URI withoutUserInfo = stripUserInfo(target);
        HttpRequest.Builder next = HttpRequest.newBuilder(request, (name, value) -> sameOrigin).uri(withoutUserInfo);
        if (!keepMethod && !request.method().equals("GET") && !request.method().equals("HEAD")) {
            next.method("GET", HttpRequest.BodyPublishers.noBody());
        }
        return next.build();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b) && Objects.equals(a.getRawUserInfo(), b.getRawUserInfo());
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static URI stripUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A redirect's own body is not read; a stream handed out is closed. */
    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof java.io.InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing to do: the connection is dropped
            }
        }
    }

    /** A URL for a message: scheme, host, port and path; never user info or a query, which may hold secrets. */
    public static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
