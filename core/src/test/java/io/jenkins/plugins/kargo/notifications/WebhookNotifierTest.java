package io.jenkins.plugins.kargo.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.DeliveryEvent.Type;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.testkit.CredentialsTrap;
import io.jenkins.plugins.kargo.testkit.WebhookReceiver;
import io.jenkins.plugins.kargo.testkit.WebhookReceiver.Received;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookNotifierTest {

    private static final String SLACK_PATH = "/services/T000/B000/SECRETTOKEN";
    private static final String JSON_PATH = "/hooks/kargo/JSONSECRET";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final WebhookClient.Policy FAST = new WebhookClient.Policy(Duration.ofSeconds(10), 3,
            Duration.ofMillis(1));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final List<String> said = new CopyOnWriteArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public void info(String message) {
            said.add("info: " + message);
        }

        @Override
        public void warn(String message) {
            said.add("warn: " + message);
        }
    };

    @AfterEach
    void noSecretWasEverSaid() {
        receiver.close();
        assertThat(String.join("\n", said)).doesNotContain("SECRETTOKEN", "JSONSECRET", "/services/T000");
    }

    @Test
    void slackMessageSaysWhatHappenedWhereToWhichFreightAndWho() throws Exception {
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.PROMOTION_SUCCEEDED, "all steps done"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        Received request = single();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(SLACK_PATH);
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.properties()).extracting(e -> e.getKey()).containsExactly("text");
        assertThat(body.path("text").asText()).isEqualTo(":white_check_mark: *Promotion succeeded* in `myapp/dev`: "
                + "freight wise-otter (3f2c1a9) by alice\nall steps done");
        assertThat(said).isEmpty();
    }

    @Test
    void slackTextEscapesWhatSlackWouldReadAsALinkOrMention() throws Exception {
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.VERIFICATION_FAILED, "p95 > 2s & <!channel>"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(JSON.readTree(single().body()).path("text").asText())
                .endsWith("\np95 &gt; 2s &amp; &lt;!channel&gt;");
    }

    @Test
    void slackHearsEveryEventButVerificationSucceededInOrder() throws Exception {
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            Arrays.stream(Type.values()).forEach(type -> notifier.on(event(type, "")));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        List<String> texts = receiver.drain().stream().map(r -> text(r.body())).toList();
        assertThat(texts).extracting(t -> t.substring(0, t.indexOf(" in "))).containsExactly(
                ":white_check_mark: *Promotion succeeded*", ":x: *Promotion failed*", ":x: *Verification failed*",
                ":raised_hand: *Approval needed*", ":rewind: *Rolled back*");
    }

    @Test
    void jsonWebhookReceivesEveryEventWithStableFieldNames() throws Exception {
        Path file = dashboard("myapp", webhook(true, receiver.url(JSON_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            Arrays.stream(Type.values()).forEach(type -> notifier.on(event(type, "why: " + type)));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        List<Received> requests = receiver.drain();
        assertThat(requests).extracting(Received::path).containsOnly(JSON_PATH);
        assertThat(requests).extracting(r -> JSON.readTree(r.body()).path("type").asText())
                .containsExactly(Arrays.stream(Type.values()).map(Type::name).toArray(String[]::new));
        JsonNode first = JSON.readTree(requests.get(0).body());
        assertThat(first.properties()).extracting(e -> e.getKey()).containsExactly("type", "project", "stage",
                "freight", "freightAlias", "subject", "actor", "message", "at");
        assertThat(first.path("project").asText()).isEqualTo("myapp");
        assertThat(first.path("stage").asText()).isEqualTo("dev");
        assertThat(first.path("freight").asText()).isEqualTo("3f2c1a9d0e5b7c4a1f2e3d4c5b6a79881726354a");
        assertThat(first.path("freightAlias").asText()).isEqualTo("wise-otter");
        assertThat(first.path("subject").asText()).isEqualTo("dev.01jfake.3f2c1a9");
        assertThat(first.path("actor").asText()).isEqualTo("alice");
        assertThat(first.path("message").asText()).isEqualTo("why: PROMOTION_SUCCEEDED");
        assertThat(first.path("at").asText()).isEqualTo("2026-11-27T13:00:00Z");
    }

    @Test
    void serverErrorsAreRetriedUntilTheWebhookAccepts() throws Exception {
        receiver.answer(500, 503);
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.PROMOTION_FAILED, "step failed"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        List<Received> got = receiver.drain();
        assertThat(got).hasSize(3).extracting(Received::body).as("the same message each time")
                .containsOnly(got.get(0).body());
        assertThat(text(got.get(0).body())).contains("step failed");
        assertThat(said).isEmpty();
    }

    @Test
    void serverErrorsThatLastAreReportedByHostAfterTheLastAttempt() throws Exception {
        receiver.answer(500, 500, 500);
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.PROMOTION_FAILED, "step failed"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(receiver.drain()).hasSize(3);
        assertThat(said).singleElement().asString().startsWith("warn: Slack notification of PROMOTION_FAILED in "
                + "myapp/dev to 127.0.0.1 failed: 500 after 3 attempts");
    }

    @Test
    void clientErrorIsNotRetriedAndIsReportedWithoutThePathTheServerEchoed() throws Exception {
        receiver.answer(404);
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.APPROVAL_NEEDED, "uat waits for a decision"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(receiver.drain()).hasSize(1);
        assertThat(said).containsExactly("warn: Slack notification of APPROVAL_NEEDED in myapp/dev to 127.0.0.1 "
                + "failed: 404 (no webhook at <redacted>)");
    }

    @Test
    void unreachableWebhookIsReportedByHostAfterRetries() throws Exception {
        String closed;
        try (WebhookReceiver gone = WebhookReceiver.start()) {
            closed = gone.url(SLACK_PATH);
        }
        Path file = dashboard("myapp", slack(true, closed) + webhook(true, receiver.url(JSON_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.ROLLBACK, "preprod back to the last verified freight"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(said).singleElement().asString().startsWith("warn: Slack notification of ROLLBACK in myapp/dev "
                + "to 127.0.0.1 failed after 3 attempts: cannot connect (");
        assertThat(receiver.drain()).as("the other webhook still hears").singleElement()
                .extracting(Received::path).isEqualTo(JSON_PATH);
    }

    @Test
    void hostThatDoesNotResolveIsReportedOnceWithoutRetrying() throws Exception {
        Path file = dashboard("myapp", slack(true, "https://webhook.invalid" + SLACK_PATH));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.ROLLBACK, "preprod back to the last verified freight"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(said).containsExactly("warn: Slack notification of ROLLBACK in myapp/dev to webhook.invalid "
                + "failed: unknown host");
    }

    @Test
    void aWebhookOverPlainHttpToAHostOffLoopbackIsNotSent() throws Exception {
        try (CredentialsTrap trap = CredentialsTrap.start()) {
            Path file = dashboard("myapp", slack(true, trap.url(SLACK_PATH)) + webhook(true, receiver.url(JSON_PATH)));
            try (WebhookNotifier notifier = notifier(file)) {
                notifier.on(event(Type.ROLLBACK, "preprod back to the last verified freight"));
                assertThat(notifier.flush(WAIT)).isTrue();
            }
            assertThat(said).containsExactly("warn: Slack notification of ROLLBACK in myapp/dev not sent: refusing to "
                    + "send credentials over plain HTTP to " + trap.host() + ", which is not on loopback; use https://");
            assertThat(trap.received()).isEmpty();
            assertThat(receiver.drain()).as("the loopback webhook still hears").singleElement()
                    .extracting(Received::path).isEqualTo(JSON_PATH);
        }
    }

    @Test
    void projectTheDashboardDoesNotListGetsNoNotification() throws Exception {
        Path file = dashboard("otherapp", slack(true, receiver.url(SLACK_PATH)) + webhook(true, receiver.url(JSON_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.PROMOTION_FAILED, "step failed"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(receiver.drain()).isEmpty();
        assertThat(said).isEmpty();
    }

    @Test
    void disabledChannelsSendNothing() throws Exception {
        Path file = dashboard("myapp", slack(false, receiver.url(SLACK_PATH)) + webhook(false, receiver.url(JSON_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.PROMOTION_FAILED, "step failed"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(receiver.drain()).isEmpty();
    }

    @Test
    void missingDashboardFileIsReportedWithTheFixAndNothingIsSent() throws Exception {
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        Files.delete(file);
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.PROMOTION_FAILED, "step failed"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(receiver.drain()).isEmpty();
        assertThat(said).containsExactly("warn: notifications of project myapp not sent: its dashboard ConfigMap file "
                + file + " (recorded by `kargo apply`) is missing. Fix: put it back, or run `kargo apply` again with "
                + "the dashboard's new location");
    }

    @Test
    void invalidDashboardFileIsReportedWithItsLineAndNothingIsSent() throws Exception {
        Path file = dashboard("myapp", slack(true, "hooks.slack.com" + SLACK_PATH));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.PROMOTION_FAILED, "step failed"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(receiver.drain()).isEmpty();
        assertThat(said).singleElement().asString().startsWith("warn: notifications of project myapp not sent: its "
                        + "dashboard ConfigMap file " + file + " is not valid: " + file + ":13 "
                        + "data.\"config.yaml\".notifications.slack.webhook: webhook is not an http(s) URL")
                .endsWith("(`kargo apply` checks the file the same way)");
    }

    @Test
    void rotatedWebhookIsUsedWithoutApplyingAgain() throws Exception {
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        try (WebhookNotifier notifier = notifier(file)) {
            notifier.on(event(Type.PROMOTION_SUCCEEDED, "one"));
            assertThat(notifier.flush(WAIT)).isTrue();
            dashboard("myapp", slack(true, receiver.url("/services/T000/B000/ROTATED")));
            notifier.on(event(Type.PROMOTION_SUCCEEDED, "two"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(receiver.drain()).extracting(Received::path)
                .containsExactly(SLACK_PATH, "/services/T000/B000/ROTATED");
    }

    @Test
    void givenDashboardIsUsedAsItIsAndCloseDeliversWhatIsQueued() throws Exception {
        Path file = dashboard("myapp", slack(true, receiver.url(SLACK_PATH)));
        WebhookNotifier notifier = new WebhookNotifier(new ConfigLoader().loadDashboard(file), sink);
        Files.delete(file);
        notifier.on(event(Type.VERIFICATION_FAILED, "error rate above 5%"));
        notifier.close();
        notifier.on(event(Type.ROLLBACK, "after close: dropped"));
        assertThat(receiver.drain()).singleElement().satisfies(r ->
                assertThat(text(r.body())).startsWith(":x: *Verification failed*").endsWith("error rate above 5%"));
        assertThat(notifier.toString()).doesNotContain("SECRETTOKEN");
    }

    private WebhookNotifier notifier(Path file) {
        return new WebhookNotifier(new RecordedDashboard(project -> Optional.of(file), sink), sink, FAST);
    }

    private Received single() {
        List<Received> requests = receiver.drain();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static DeliveryEvent event(Type type, String message) {
        return new DeliveryEvent(type, "myapp", "dev", java.util.List.of(new DeliveryEvent.Freight(
                "3f2c1a9d0e5b7c4a1f2e3d4c5b6a79881726354a", "wise-otter")), "dev.01jfake.3f2c1a9", "alice", message, Instant.parse("2026-11-27T13:00:00Z"));
    }

    private static String text(String body) {
        try {
            return JSON.readTree(body).path("text").asText();
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static String slack(boolean enabled, String url) {
        return "      slack:\n        enabled: " + enabled + "\n        webhook: " + url + "\n";
    }

    private static String webhook(boolean enabled, String url) {
        return "      webhook:\n        enabled: " + enabled + "\n        url: " + url + "\n";
    }

    /** The seed's dashboard ConfigMap, listing {@code project}, with these notifications; line 13 is slack's URL. */
    private Path dashboard(String project, String notifications) throws IOException {
        return Files.writeString(dir.resolve("kargo-dashboard-values.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: kargo-dashboard-config
                  namespace: kargo
                data:
                  config.yaml: |
                    projects:
                      - name: %s
                    notifications:
                """.formatted(project) + notifications);
    }

    @Test
    void theSeedsPlaceholderWebhookIsSentToTheUrlTheCredentialsPortHolds() throws Exception {
        String placeholder = "https://hooks.slack.com/services/YOUR/WEBHOOK/URL";
        Path file = dashboard("myapp", slack(true, placeholder));
        List<String> asked = new CopyOnWriteArrayList<>();
        io.jenkins.plugins.kargo.credentials.CredentialsProvider port = (url, kind) -> {
            asked.add(kind + " " + url);
            return Optional.of(new io.jenkins.plugins.kargo.credentials.Credentials.Token(receiver.url(SLACK_PATH)));
        };
        try (WebhookNotifier notifier = new WebhookNotifier(new RecordedDashboard(project -> Optional.of(file), sink),
                sink, FAST, port)) {
            notifier.on(event(Type.PROMOTION_SUCCEEDED, "all steps done"));
            assertThat(notifier.flush(WAIT)).isTrue();
        }
        assertThat(asked).containsExactly("generic " + placeholder);
        assertThat(single().path()).isEqualTo(SLACK_PATH);
    }

    @Test
    void otherWebhookCredentialsAreAnAuthorizationHeader() {
        io.jenkins.plugins.kargo.api.SecretValue url = new io.jenkins.plugins.kargo.api.SecretValue(
                "https://events.example.com/kargo");
        WebhookNotifier bearer = new WebhookNotifier(project -> Optional.empty(), sink, FAST, (u, kind) ->
                Optional.of(new io.jenkins.plugins.kargo.credentials.Credentials.Token("JSONSECRET-token")));
        WebhookNotifier basic = new WebhookNotifier(project -> Optional.empty(), sink, FAST, (u, kind) ->
                Optional.of(new io.jenkins.plugins.kargo.credentials.Credentials.UsernamePassword("kargo", "pw")));
        WebhookNotifier none = new WebhookNotifier(project -> Optional.empty(), sink, FAST);
        try (bearer; basic; none) {
            assertThat(bearer.target(url)).isEqualTo(new WebhookNotifier.Target(url, Optional.of("Bearer JSONSECRET-token")));
            assertThat(basic.target(url).authorization()).contains("Basic a2FyZ286cHc=");
            assertThat(none.target(url)).isEqualTo(new WebhookNotifier.Target(url, Optional.empty()));
        }
    }
}
