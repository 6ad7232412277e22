package io.jenkins.plugins.kargo.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads what the fixtures wrote with bare HTTP requests, independent of the code under test. An authorization
 * header, when given, is sent as is.
 */
final class RegistryReader {

    static final String ACCEPT_ALL = String.join(",",
            ImageFormat.OCI.indexMediaType(), ImageFormat.OCI.manifestMediaType(),
            ImageFormat.DOCKER.indexMediaType(), ImageFormat.DOCKER.manifestMediaType());

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String authorization;

    RegistryReader(String hostPort, String authorization) {
        this.base = "http://" + hostPort;
        this.authorization = authorization;
    }

    RegistryReader(String hostPort) {
        this(hostPort, null);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", ACCEPT_ALL);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }
}
