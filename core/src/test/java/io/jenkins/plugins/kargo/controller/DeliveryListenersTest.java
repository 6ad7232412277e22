package io.jenkins.plugins.kargo.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.kargo.api.ConfigSource;
import io.jenkins.plugins.kargo.events.DeliveryEvent;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.state.KargoStore;
import io.jenkins.plugins.kargo.testkit.ExampleProject;
import io.jenkins.plugins.kargo.testkit.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's delivery listeners, and the webhook notifier {@link KargoEngine#builder} registers. */
class DeliveryListenersTest {

    private static final String SECRET_PATH = "/services/T000/B000/SECRETTOKEN";

    @TempDir
    Path dir;

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private Path config;
    private KargoEngine engine;

    @BeforeEach
    void openAndApplyTheSeed() throws Exception {
        config = ExampleProject.copyTo(dir.resolve("kargo"),
                Map.of("https://hooks.slack.com/services/YOUR/WEBHOOK/URL", receiver.url(SECRET_PATH)));
        engine = KargoEngine.builder(KargoStore.open(dir.resolve("state"))).events(new EventSink() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }
        }).build();
        engine.apply(config);
    }

    @AfterEach
    void close() {
        engine.close();
        receiver.close();
        assertThat(String.join("\n", warnings)).doesNotContain("SECRETTOKEN");
    }

    @Test
    void applyKeepsThePathOfTheDashboardFileNeverItsWebhook() throws Exception {
        Path dashboard = config.resolve("kargo-dashboard-values.yaml").toAbsolutePath();
        assertThat(engine.store().configurations().dashboardFile("myapp")).contains(dashboard);
        assertThat(engine.store().configurations().get("myapp").orElseThrow().documents())
                .extracting(ConfigSource::text).noneMatch(text -> text.contains("SECRETTOKEN"));

        Files.delete(dashboard);
        engine.apply(config);
        assertThat(engine.store().configurations().dashboardFile("myapp")).as("applied without a dashboard").isEmpty();
    }

    @Test
    void openedEngineTellsTheDashboardsSlackWebhookBeforeItCloses() {
        engine.emit(event());
        engine.close();
        assertThat(receiver.drain()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo(SECRET_PATH);
            assertThat(request.body()).contains("*Verification failed* in `myapp/preprod`");
        });
        assertThat(warnings).isEmpty();
    }

    @Test
    void listenerThatThrowsIsReportedAndTheOthersStillHear() {
        List<DeliveryEvent> heard = new CopyOnWriteArrayList<>();
        engine.addListener(event -> {
            throw new IllegalStateException("build log closed");
        });
        engine.addListener(heard::add);
        engine.emit(event());
        assertThat(heard).containsExactly(event());
        assertThat(warnings).containsExactly("a listener failed on VERIFICATION_FAILED of stage preprod: "
                + "build log closed");
    }

    private static DeliveryEvent event() {
        return new DeliveryEvent(DeliveryEvent.Type.VERIFICATION_FAILED, "myapp", "preprod",
                java.util.List.of(new DeliveryEvent.Freight("3f2c1a9d0e5b7c4a1f2e3d4c5b6a79881726354a", "wise-otter")), "",
                "kargo-controller",
                "error rate 0.07 is above 0.05", Instant.parse("2026-11-27T13:00:00Z"));
    }
}
