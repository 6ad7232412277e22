package io.jenkins.plugins.kargo.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.ui.api.Access;
import io.jenkins.plugins.kargo.ui.api.ApiResponse;
import io.jenkins.plugins.kargo.ui.api.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kargo serve}'s access rules over real HTTP: reads open on loopback only, writes with a token, from the
 * server's own origin, with the CSRF token when a browser sends them; error bodies; the event stream. The routes
 * here are the test's own ({@code FreightApiTest} tests the real ones); what is tested is the server around them.
 */
class WebServerAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Tokens.Generated alice;
    private static WebServer server;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        alice = Tokens.generate("alice");
        Router router = new Router()
                .get("/things/{name}", r -> ApiResponse.ok(Map.of("name", r.param("name"), "reader", r.actor())))
                .post("/things/{name}/poke", Access.WRITE, r -> ApiResponse.accepted(Map.of("name", r.param("name"),
                        "actor", r.actor(), "body", r.body())));
        server = WebServer.start(InetAddress.getLoopbackAddress(), 0, router, alice.tokens(), List.of(), JSON, "a <b>demo</b>");
        base = server.uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesTheViewWithAPolicyThatRunsOnlyItsOwnScripts() throws Exception {
        HttpResponse<String> page = send(get("").build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"kargo\"", "js/main.js");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        HttpResponse<String> script = send(get("js/main.js").build());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    }

    @Test
    void readsNeedNoLoginOnLoopback() throws Exception {
        HttpResponse<String> read = send(get("api/things/a").build());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("reader").asText()).isEmpty();
    }

    @Test
    void aPageOfAnotherSiteRebindingItsNameToLoopbackCannotReadWithoutAToken() throws Exception {
        HttpResponse<String> rebound = send(get("api/things/a").header("Host", "evil.example:" + base.getPort()).build());
        assertThat(rebound.statusCode()).isEqualTo(401);
        assertThat(error(rebound).get("code").asText()).isEqualTo("unauthorized");
        assertThat(rebound.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"kargo\"");

        HttpResponse<String> withToken = send(get("api/things/a").header("Host", "evil.example:" + base.getPort())
                .header("Authorization", "Bearer " + alice.token()).build());
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(json(withToken).get("reader").asText()).isEqualTo("alice");
    }

    @Test
    void sessionSaysWhoTheTokenNamesAndSetsAStrictCsrfCookie() throws Exception {
        HttpResponse<String> anonymous = send(get("api/session").build());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        JsonNode session = json(anonymous);
        assertThat(session.get("user").isNull()).isTrue();
        assertThat(session.get("readsOpen").asBoolean()).isTrue();
        assertThat(session.get("csrfHeader").asText()).isEqualTo("X-Kargo-CSRF");
        assertThat(session.get("banner").asText()).isEqualTo("a <b>demo</b>");
        String cookie = anonymous.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("kargo-csrf=" + session.get("csrfToken").asText() + ";")
                .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly");

        HttpResponse<String> signedIn = send(get("api/session").header("Authorization", "Bearer " + alice.token()).build());
        assertThat(json(signedIn).get("user").asText()).isEqualTo("alice");

        HttpResponse<String> wrong = send(get("api/session").header("Authorization", "Bearer not-a-token-of-anyone").build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(error(wrong).get("message").asText()).contains("names nobody");
    }

    @Test
    void aWriteWithoutATokenIsRefused() throws Exception {
        HttpResponse<String> refused = send(post("api/things/a/poke", "{}").build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(error(refused).get("status").asInt()).isEqualTo(401);
        assertThat(error(refused).get("message").asText()).contains("writing needs a token");

        HttpResponse<String> basic = send(post("api/things/a/poke", "{}").header("Authorization", "Basic YWxpY2U6eA==").build());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void aWriteWithATokenIsDoneAsTheUserItNames() throws Exception {
        HttpResponse<String> done = send(post("api/things/a%2Bb/poke", "{\"x\":1}")
                .header("Authorization", "Bearer " + alice.token()).build());
        assertThat(done.statusCode()).isEqualTo(202);
        assertThat(json(done).get("actor").asText()).isEqualTo("alice");
        assertThat(json(done).get("name").asText()).isEqualTo("a+b");
        assertThat(json(done).get("body").asText()).isEqualTo("{\"x\":1}");
    }

    @Test
    void aWriteFromAnotherOriginIsRefusedEvenWithTheToken() throws Exception {
        HttpResponse<String> refused = send(post("api/things/a/poke", "{}").header("Authorization", "Bearer " + alice.token())
                .header("Origin", "http://evil.example").build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused).get("code").asText()).isEqualTo("cross-origin");

        HttpResponse<String> crossSite = send(post("api/things/a/poke", "{}").header("Authorization", "Bearer " + alice.token())
                .header("Sec-Fetch-Site", "cross-site").build());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(error(crossSite).get("code").asText()).isEqualTo("cross-origin");
    }

    @Test
    void aBrowserWriteNeedsTheCsrfTokenOfItsCookie() throws Exception {
        String origin = "http://" + base.getHost() + ":" + base.getPort();
        HttpResponse<String> noCsrf = send(post("api/things/a/poke", "{}").header("Authorization", "Bearer " + alice.token())
                .header("Origin", origin).build());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(error(noCsrf).get("code").asText()).isEqualTo("csrf");

        String csrf = json(send(get("api/session").build())).get("csrfToken").asText();
        HttpResponse<String> headerOnly = send(post("api/things/a/poke", "{}").header("Authorization", "Bearer " + alice.token())
                .header("Origin", origin).header("X-Kargo-CSRF", csrf).build());
        assertThat(headerOnly.statusCode()).as("the header without its cookie").isEqualTo(403);

        HttpResponse<String> mismatched = send(post("api/things/a/poke", "{}").header("Authorization", "Bearer " + alice.token())
                .header("Origin", origin).header("X-Kargo-CSRF", csrf).header("Cookie", "kargo-csrf=" + csrf + "x").build());
        assertThat(mismatched.statusCode()).isEqualTo(403);

        HttpResponse<String> done = send(post("api/things/a/poke", "{}").header("Authorization", "Bearer " + alice.token())
                .header("Origin", origin).header("X-Kargo-CSRF", csrf).header("Cookie", "kargo-csrf=" + csrf).build());
        assertThat(done.statusCode()).isEqualTo(202);
    }

    @Test
    void unknownPathsMethodsAndOversizedBodiesGetJsonErrors() throws Exception {
        HttpResponse<String> missing = send(get("api/nothing/here").build());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing).get("code").asText()).isEqualTo("not-found");

        HttpResponse<String> wrongMethod = send(get("api/things/a/poke").build());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(error(wrongMethod).get("message").asText()).contains("allowed: POST");

        HttpResponse<String> huge = send(post("api/things/a/poke", "x".repeat(ApiHandler.MAX_BODY + 1))
                .header("Authorization", "Bearer " + alice.token()).build());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(error(huge).get("code").asText()).isEqualTo("too-large");
    }

    @Test
    void eventsReachAnOpenStream() throws Exception {
        HttpResponse<java.io.InputStream> stream = HTTP.send(get("api/events").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (Exception e) {
                lines.add("closed: " + e);
            }
        }, "event-reader");
        reader.setDaemon(true);
        reader.start();
        assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("retry: 3000"); // the stream is open
        server.publish("delivery", Map.of("stage", "uat", "message", "<b>waits</b>"));
        String line;
        do {
            line = lines.poll(30, TimeUnit.SECONDS);
        } while (line != null && !line.startsWith("data:"));
        assertThat(line).as("an event's data line").isNotNull();
        assertThat(JSON.readTree(line.substring("data: ".length())).get("message").asText()).isEqualTo("<b>waits</b>");
        stream.body().close();
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).GET();
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return json(response).get("error");
    }
}
