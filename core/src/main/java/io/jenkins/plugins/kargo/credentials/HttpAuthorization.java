package io.jenkins.plugins.kargo.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code Authorization} header an HTTP client sends with {@code generic} credentials from the port (a Prometheus
 * address, a web metric's URL, a webhook): a username and password as Basic, a token as Bearer. An SSH key means
 * nothing to HTTP.
 */
public final class HttpAuthorization {

    private HttpAuthorization() {
    }

    /** The header's value for the credentials the port gives for {@code url}, if any. */
    public static Optional<String> of(CredentialsProvider credentials, String url) {
        return credentials.find(url, CredentialKind.generic).flatMap(HttpAuthorization::header);
    }

    /** The header's value for these credentials; none for an SSH key. */
    public static Optional<String> header(Credentials credentials) {
        if (credentials instanceof Credentials.UsernamePassword up) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString((up.username() + ":" + up.password())
                    .getBytes(StandardCharsets.UTF_8)));
        }
        if (credentials instanceof Credentials.Token token) {
            return Optional.of("Bearer " + token.token());
        }
        return Optional.empty();
    }
}
