package io.jenkins.plugins.kargo.verification.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.MetricProvider;
import io.jenkins.plugins.kargo.verification.MeasurementException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2 client credentials for Argo Rollouts' {@code authentication.oauth2} (web and prometheus metrics), as Go's
 * {@code clientcredentials} package gets them: a form POST of {@code grant_type=client_credentials} (and the
 * scopes) to the token URL, the client's id and secret in a Basic {@code Authorization} header, and, when the
 * server refuses that, in the form instead. A token is reused until ten seconds before it expires. Neither the
 * secret nor a token ever appears in a message.
 */
public final class OAuth2Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Go's {@code oauth2} renews a token this long before it expires. */
    private static final Duration EXPIRY_DELTA = Duration.ofSeconds(10);

    private record Key(String tokenUrl, String clientId, String clientSecret, String scopes) {
        @Override
        public String toString() {
            return "Key[" + tokenUrl + ", " + clientId + "]";
        }
    }

    private record Token(String value, Instant expires) {
        @Override
        public String toString() {
            return "Token[****]";
        }
    }

    private final Map<Key, Token> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public OAuth2Tokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * The {@code Authorization} header value ({@code Bearer ...}) for {@code oauth2}, whose fields have their
     * arguments filled in.
     *
     * @throws MeasurementException naming the token URL (never a secret) when no token could be had
     */
    public String authorization(MetricProvider.OAuth2 oauth2, HttpClient client, Duration timeout)
            throws MeasurementException, InterruptedException {
        Key key = new Key(oauth2.tokenUrl(), oauth2.clientId(), oauth2.clientSecret(), String.join(" ", oauth2.scopes()));
        Token token = tokens.get(key);
        if (token == null || !clock.instant().isBefore(token.expires().minus(EXPIRY_DELTA))) {
            token = fetch(key, client, timeout);
            tokens.put(key, token);
        }
        return "Bearer " + token.value();
    }

    private Token fetch(Key key, HttpClient client, Duration timeout)
            throws MeasurementException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(key.tokenUrl());
        } catch (IllegalArgumentException e) {
            throw new MeasurementException("oauth2 tokenUrl is not a valid URL");
        }
        String form = "grant_type=client_credentials" + (key.scopes().isEmpty() ? ""
                : "&scope=" + URLEncoder.encode(key.scopes(), StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(key.clientId(), StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(key.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = post(client, HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Basic " + basic), form, uri);
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            // as Go's AuthStyleAutoDetect: a server that wants the credentials in the form
            response = post(client, HttpRequest.newBuilder(uri).timeout(timeout), form + "&client_id="
                    + URLEncoder.encode(key.clientId(), StandardCharsets.UTF_8) + "&client_secret="
                    + URLEncoder.encode(key.clientSecret(), StandardCharsets.UTF_8), uri);
        }
        String where = "oauth2 token from " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new MeasurementException(where + ": HTTP " + response.statusCode()
                    + "; check the clientId and clientSecret");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.path("access_token").isTextual() || body.path("access_token").asText().isEmpty()) {
            throw new MeasurementException(where + ": the reply holds no access_token");
        }
        long expiresIn = body.path("expires_in").asLong(0);
        Instant expires = expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : Instant.MAX;
        return new Token(body.path("access_token").asText(), expires);
    }

    private static HttpResponse<String> post(HttpClient client, HttpRequest.Builder request, String form, URI uri)
            throws MeasurementException, InterruptedException {
        try {
            return client.send(request.header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MeasurementException("oauth2 token from " + uri.getScheme() + "://" + uri.getAuthority()
                    + uri.getPath() + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
