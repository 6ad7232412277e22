package io.jenkins.plugins.kargo.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-HTTP conversation with one OCI Distribution registry, answering its {@code WWW-Authenticate} challenges:
 * {@code Basic} with the given credentials, {@code Bearer} by fetching a token from the challenge's realm (with the
 * credentials, when given) for the scope the caller names. Authorizations are kept per scope and reused, so a push
 * of many tags costs one token request.
 */
final class RegistrySession {

    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http;
    private final String basicAuthorization;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    /**
     * @param hostPort registry address, {@code 127.0.0.1:5000}
     * @param user     null for anonymous access
     */
    RegistrySession(String hostPort, String user, String password) {
        this.base = URI.create("http://" + hostPort);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.basicAuthorization = user == null ? null : basic(user, password);
    }

    URI resolve(String pathOrUrl) {
        return base.resolve(pathOrUrl);
    }

    HttpRequest.Builder request(String pathOrUrl) {
        return HttpRequest.newBuilder(resolve(pathOrUrl)).timeout(REQUEST_TIMEOUT);
    }

    /**
     * Sends the request with the authorization known for {@code scope}; on a 401 answers the challenge and sends it
     * once more. Returns the final response whatever its status.
     */
    HttpResponse<byte[]> send(HttpRequest request, String scope) {
        String known = authorizations.get(scope);
        HttpResponse<byte[]> response = exchange(withAuthorization(request, known));
        if (response.statusCode() != 401) {
            return response;
        }
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        String authorization = answer(challenge, scope);
        if (authorization == null || authorization.equals(known)) {
            return response;
        }
        authorizations.put(scope, authorization);
        return exchange(withAuthorization(request, authorization));
    }

    /** Like {@link #send} but fails unless the status is one of {@code expected}. */
    HttpResponse<byte[]> expect(HttpRequest request, String scope, int... expected) {
        HttpResponse<byte[]> response = send(request, scope);
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                + ": " + new String(response.body(), StandardCharsets.UTF_8).strip());
    }

    private String answer(String challenge, String scope) {
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return basicAuthorization;
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        Matcher matcher = CHALLENGE_PARAM.matcher(challenge);
        while (matcher.find()) {
            params.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT), matcher.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new IllegalStateException("Bearer challenge without realm from " + base + ": " + challenge);
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?')
                .append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        if (params.containsKey("service")) {
            url.append("&service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        HttpRequest tokenRequest = withAuthorization(HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(REQUEST_TIMEOUT).GET().build(), basicAuthorization);
        HttpResponse<byte[]> response = exchange(tokenRequest);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token server " + realm + " answered " + response.statusCode()
                    + " for scope " + scope + ": " + new String(response.body(), StandardCharsets.UTF_8).strip());
        }
        try {
            JsonNode body = json.readTree(response.body());
            String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText();
            return "Bearer " + token;
        } catch (IOException e) {
            throw new UncheckedIOException("token server " + realm + " sent no JSON", e);
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static HttpRequest withAuthorization(HttpRequest request, String authorization) {
        if (authorization == null) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", authorization)
                .build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistrySession[" + base + "]"; // never the credentials
    }
}
