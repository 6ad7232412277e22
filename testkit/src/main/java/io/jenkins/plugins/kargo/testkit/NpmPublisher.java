package io.jenkins.plugins.kargo.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Publishes package versions to an npm registry (Verdaccio) through its HTTP API, as {@code npm adduser} and
 * {@code npm publish} do: {@code PUT /-/user/org.couchdb.user:NAME} for a token, then {@code PUT /<package>} with
 * the version's manifest and its tarball (made in memory) as attachment.
 *
 * <pre>{@code
 * NpmPublisher npm = NpmPublisher.signUp(TestServices.npmRegistry(), "publisher", "s3cret");
 * npm.publish("@yourorg/user-lib", "1.2.3");                 // dist-tag latest
 * npm.publish("@yourorg/user-lib", "1.3.0-beta.1", "beta");
 * npm.distTag("@yourorg/user-lib", "stable", "1.2.3");
 * }</pre>
 */
public final class NpmPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI registry;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private NpmPublisher(URI registry, String token) {
        this.registry = registry;
        this.token = token;
    }

    /**
     * Creates the user (or logs in, when it exists with this password) and keeps the token the registry returns.
     *
     * @param registryUrl base URL, e.g. {@link TestServices#npmRegistry()}
     */
    public static NpmPublisher signUp(String registryUrl, String user, String password) {
        URI registry = URI.create(registryUrl.endsWith("/") ? registryUrl : registryUrl + "/");
        NpmPublisher anonymous = new NpmPublisher(registry, null);
        ObjectNode body = JSON.createObjectNode()
                .put("_id", "org.couchdb.user:" + user)
                .put("name", user)
                .put("password", password)
                .put("type", "user")
                .put("date", Instant.now().toString());
        body.putArray("roles");
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.resolve("-/user/org.couchdb.user:" + user))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> created = anonymous.send(request.build());
        if (created.statusCode() == 409) { // exists: the same call with Basic credentials logs in
            created = anonymous.send(request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).build());
        }
        if (created.statusCode() != 201) {
            throw new IllegalStateException("npm registry " + registry + " refused user " + user + ": HTTP "
                    + created.statusCode() + " " + created.body());
        }
        return new NpmPublisher(registry, readJson(created.body()).path("token").asText());
    }

    /** The bearer token of the signed-up user, for clients that must read packages that need a login. */
    public String token() {
        return token;
    }

    /** Publishes {@code version} of {@code name} under the dist-tag {@code latest}, as {@code npm publish} does. */
    public PublishedVersion publish(String name, String version) {
        return publish(name, version, "latest");
    }

    /** Publishes {@code version} of {@code name} (scoped {@code @org/pkg} or not) under {@code distTag}. */
    public PublishedVersion publish(String name, String version, String distTag) {
        String baseName = name.substring(name.indexOf('/') + 1);
        String fileName = baseName + "-" + version + ".tgz";
        String tarballUrl = registry.resolve(name + "/-/" + fileName).toString();

        ObjectNode packageJson = JSON.createObjectNode()
                .put("name", name)
                .put("version", version)
                .put("description", "test package published by the kargo testkit")
                .put("main", "index.js");
        byte[] tarball = InMemoryTarball.gzip(new InMemoryTarball()
                .file("package/package.json", packageJson.toPrettyString())
                .file("package/index.js", "module.exports = '" + name + "@" + version + "';\n")
                .tar());
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(Digests.digest("SHA-512", tarball));
        String shasum = Digests.hex("SHA-1", tarball);

        ObjectNode manifest = packageJson.deepCopy().put("_id", name + "@" + version);
        manifest.putObject("dist").put("integrity", integrity).put("shasum", shasum).put("tarball", tarballUrl);
        ObjectNode body = JSON.createObjectNode().put("_id", name).put("name", name);
        body.putObject("dist-tags").put(distTag, version);
        body.putObject("versions").set(version, manifest);
        body.putObject("_attachments").putObject(fileName)
                .put("content_type", "application/octet-stream")
                .put("data", Base64.getEncoder().encodeToString(tarball))
                .put("length", tarball.length);
        expectSuccess(send(authorized(packageUri(name, ""))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build()), "publish " + name + "@" + version);
        return new PublishedVersion(name, version, distTag, tarballUrl, integrity, shasum);
    }

    /** Points {@code tag} of {@code name} at {@code version}, as {@code npm dist-tag add} does. */
    public void distTag(String name, String tag, String version) {
        expectSuccess(send(authorized(registry.resolve("-/package/" + encodeName(name) + "/dist-tags/" + tag))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.valueToTree(version).toString())).build()),
                "set dist-tag " + tag + " of " + name + " to " + version);
    }

    /** The registry's packument ({@code GET /<package>}) as this user sees it. */
    public JsonNode packument(String name) {
        HttpResponse<String> response = send(authorized(packageUri(name, "")).GET().build());
        expectSuccess(response, "read " + name);
        return readJson(response.body());
    }

    private URI packageUri(String name, String suffix) {
        return registry.resolve(encodeName(name) + suffix);
    }

    /** npm sends a scoped name with its slash escaped: {@code @org%2fpkg}. */
    private static String encodeName(String name) {
        return name.replace("/", "%2f");
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private void expectSuccess(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("npm registry " + registry + " refused to " + what + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("npm registry sent no JSON: " + body, e);
        }
    }

    @Override
    public String toString() {
        return "NpmPublisher[" + registry + "]"; // never the token
    }
}
