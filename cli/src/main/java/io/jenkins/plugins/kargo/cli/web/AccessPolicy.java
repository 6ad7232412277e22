package io.jenkins.plugins.kargo.cli.web;

import io.jenkins.plugins.kargo.ui.api.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who may do what through {@code kargo serve}:
 * <ul>
 *   <li>reads need no login from a browser or client on this machine that names it by a loopback name
 *       ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}): a page of another site that rebinds its DNS name to
 *       127.0.0.1 sends its own name as {@code Host} and is refused; everyone else needs a token;</li>
 *   <li>writes need a token, sent as {@code Authorization: Bearer TOKEN}, naming the user recorded as the actor;</li>
 *   <li>a write that carries an {@code Origin} must come from this server's own origin (or an allowed one);</li>
 *   <li>a write from a browser (one that sends {@code Origin} or {@code Sec-Fetch-Site}) must carry the CSRF token,
 *       {@value #CSRF_HEADER}, equal to the {@value #CSRF_COOKIE} cookie that {@code GET api/session} sets
 *       ({@code SameSite=Strict}; double-submit).</li>
 * </ul>
 */
final class AccessPolicy {

    static final String CSRF_HEADER = "X-Kargo-CSRF";
    static final String CSRF_COOKIE = "kargo-csrf";

    private final Tokens tokens;
    private final Set<String> allowedOrigins;

    /** @param allowedOrigins origins besides the server's own that may write, as {@code scheme://host[:port]} */
    AccessPolicy(Tokens tokens, List<String> allowedOrigins) {
        this.tokens = tokens;
        this.allowedOrigins = Set.copyOf(allowedOrigins.stream().map(AccessPolicy::normalise).toList());
    }

    /**
     * The user the request's token names, if it sends one.
     *
     * @throws ApiException 401 when it sends a token that names nobody, or another kind of credentials
     */
    Optional<String> user(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the Authorization header must be `Bearer TOKEN`");
        }
        return Optional.of(tokens.user(authorization.substring(7)).orElseThrow(() ->
                unauthorized("the token names nobody; use the token kargo serve printed at start-up, or one of its --tokens file")));
    }

    /** @return the reader, empty when anonymous */
    Optional<String> authorizeRead(Request request) {
        Optional<String> user = user(request);
        if (user.isEmpty() && !fromThisMachine(request)) {
            throw unauthorized("reading needs a token from anywhere but this machine's loopback address; "
                    + "send `Authorization: Bearer TOKEN`");
        }
        return user;
    }

    /** @return the writer, recorded as the actor */
    String authorizeWrite(Request request) {
        String user = user(request).orElseThrow(() -> unauthorized(
                "writing needs a token: send `Authorization: Bearer TOKEN` (kargo serve prints one at start-up)"));
        checkOrigin(request);
        return user;
    }

    /** Refuses a request from a browser page of another origin, and a browser request without the CSRF token. */
    void checkOrigin(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String fetchSite = request.getHeaders().get("Sec-Fetch-Site");
        if (origin != null && !origin.equals("null") && !sameOrigin(request, origin)) {
            throw new ApiException(403, "cross-origin", "a write from " + origin + " is refused: only pages of "
                    + ownOrigin(request) + " may write");
        }
        if ("null".equals(origin) || "cross-site".equals(fetchSite) || "same-site".equals(fetchSite)) {
            throw new ApiException(403, "cross-origin", "a write from another site is refused: only pages of "
                    + ownOrigin(request) + " may write");
        }
        if (origin != null || fetchSite != null) {
            String header = request.getHeaders().get(CSRF_HEADER);
            String cookie = Request.getCookies(request).stream().filter(c -> c.getName().equals(CSRF_COOKIE))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
            if (header == null || cookie == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                    cookie.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(403, "csrf", "a write from a browser needs the " + CSRF_HEADER
                        + " header equal to the " + CSRF_COOKIE + " cookie that GET api/session sets; reload the page");
            }
        }
    }

    private boolean sameOrigin(Request request, String origin) {
        String normalised = normalise(origin);
        return normalised.equals(ownOrigin(request)) || allowedOrigins.contains(normalised);
    }

    /** The origin the request was sent to: its scheme and its {@code Host} header. */
    private static String ownOrigin(Request request) {
        return normalise(request.getHttpURI().getScheme() + "://" + request.getHeaders().get(HttpHeader.HOST));
    }

    /** {@code scheme://host[:port]}, lower case, without the scheme's default port. */
    static String normalise(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (RuntimeException e) {
            return origin; // compares equal to nothing well-formed
        }
    }

    /** A client on a loopback address that names the server by a loopback name. */
    private static boolean fromThisMachine(Request request) {
        return isLoopback(Request.getRemoteAddr(request)) && isLoopbackName(Request.getServerName(request));
    }

    private static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || isLoopback(h);
    }

    /** Whether an address literal (never a name: no DNS lookup) is a loopback address. */
    static boolean isLoopback(String address) {
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }
}
