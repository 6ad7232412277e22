package io.jenkins.plugins.kargo.discovery.http;

import io.jenkins.plugins.kargo.credentials.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The value of an {@code Authorization} header. It is its own type, not a string, so that a secret can only reach the
 * wire: {@link #toString()} shows the scheme alone, and {@link RegistryHttp} refuses to send it over plain HTTP to a
 * host that is not on loopback.
 */
public final class Authorization {

    private final String scheme;
    private final String parameters;

    private Authorization(String scheme, String parameters) {
        this.scheme = scheme;
        this.parameters = parameters;
    }

    /** {@code Basic} for a user name and password, {@code Bearer} for a token. */
    public static Authorization of(Credentials credentials) {
        if (credentials instanceof Credentials.UsernamePassword up) {
            return basic(up.username(), up.password());
        }
        return bearer(((Credentials.Token) credentials).token());
    }

    public static Authorization basic(String username, String password) {
        String pair = username + ":" + password;
        return new Authorization("Basic", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    public static Authorization bearer(String token) {
        return new Authorization("Bearer", token);
    }

    /** {@code Basic} or {@code Bearer}. */
    public String scheme() {
        return scheme;
    }

    /** The full header value. Only {@link RegistryHttp} should need this. */
    String headerValue() {
        return scheme + " " + parameters;
    }

    @Override
    public String toString() {
        return "Authorization[" + scheme + " ****]";
    }
}
