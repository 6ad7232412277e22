package io.jenkins.plugins.kargo.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for every client that carries credentials (discovery, the git steps, the {@code http} step, the
 * verification providers, webhooks): credentials travel over HTTPS (or SSH), and over plain HTTP only to a loopback
 * host. A request that would send them over plain HTTP anywhere else is refused before a connection is opened, with
 * the same sentence everywhere ({@link #refusal}); {@code insecureSkipTLSVerify} does not lift it.
 *
 * <p>Loopback is decided from the URL alone: {@code localhost}, {@code *.localhost}, and the literals
 * {@code 127.0.0.0/8} and {@code ::1}. A host name is never resolved: no DNS answer decides what is safe.
 *
 * <p>What counts as credentials: a Secret a client looked up for the URL, user info in the URL, a webhook URL (its
 * path holds the token), and, for requests whose headers and query parameters users write (the {@code http} step, the
 * {@code web} provider), any header or parameter whose name says it holds one ({@link #isCredentialName}).
 */
public final class CredentialScheme {

    /** Parts of a header or query parameter name that mark it as holding a credential. */
    private static final List<String> CREDENTIAL_NAME_PARTS = List.of(
            "auth", "token", "key", "secret", "pass", "session", "cookie", "credential", "signature");

    private CredentialScheme() {
    }

    /** Whether credentials may go to this URI: any scheme but plain {@code http}, and {@code http} to loopback. */
    public static boolean permits(URI uri) {
        return permits(uri.getScheme(), uri.getHost());
    }

    /** As {@link #permits(URI)}, for a URL already taken apart (e.g. by JGit). */
    public static boolean permits(String scheme, String host) {
        return !"http".equalsIgnoreCase(scheme) || isLoopback(host);
    }

    /**
     * The refusal when credentials may not go to this URI, else empty.
     *
     * @param what names the request for the user, e.g. {@code "git-clone: repository http://git.example.com/app.git"}
     *             (never with a secret in it)
     */
    public static Optional<String> refusal(String what, URI uri) {
        return refusal(what, uri.getScheme(), uri.getHost());
    }

    /** As {@link #refusal(String, URI)}, for a URL already taken apart. */
    public static Optional<String> refusal(String what, String scheme, String host) {
        if (permits(scheme, host)) {
            return Optional.empty();
        }
        return Optional.of(what + ": refusing to send credentials over plain HTTP to " + host
                + ", which is not on loopback; use https://");
    }

    /**
     * Whether a request to {@code uri} with these header names carries credentials: user info in the URL, or a
     * header or query parameter whose name says it holds one.
     */
    public static boolean carriesCredentials(URI uri, Collection<String> headerNames) {
        if (uri.getRawUserInfo() != null || headerNames.stream().anyMatch(CredentialScheme::isCredentialName)) {
            return true;
        }
        String query = uri.getRawQuery();
        if (query == null) {
            return false;
        }
        for (String parameter : query.split("&")) {
            if (isCredentialName(parameter.split("=", 2)[0])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a header or query parameter of this name holds a credential: {@code Authorization},
     * {@code Proxy-Authorization}, {@code Cookie}, and any name containing auth, token, key, secret, pass, session,
     * cookie, credential or signature ({@code X-Api-Key}, {@code PRIVATE-TOKEN}, {@code access_token}, ...).
     */
    public static boolean isCredentialName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CREDENTIAL_NAME_PARTS.stream().anyMatch(lower::contains);
    }

    /** {@code localhost}, {@code *.localhost}, an address in {@code 127.0.0.0/8}, or {@code ::1} (with or without brackets). */
    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        // only literal addresses: InetAddress parses a literal without a DNS look-up
        if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
