package io.jenkins.plugins.kargo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.testkit.ExampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard ConfigMap read from its own file, as notifications read it, and its plain JSON webhook. */
class DashboardFileTest {

    private static final String HEAD = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: kargo-dashboard-config
              namespace: kargo
            data:
              config.yaml: |
                projects:
                  - name: myapp
                notifications:
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void seedsDashboardFileLoadsWithoutTheProjectsItLists() throws ConfigException {
        DashboardConfig dashboard = loader.loadDashboard(ExampleProject.directory().resolve("kargo-dashboard-values.yaml"));
        assertThat(dashboard.shows("myapp")).isTrue();
        assertThat(dashboard.shows("other")).isFalse();
        assertThat(dashboard.slack()).hasValueSatisfying(s -> assertThat(s.enabled()).isTrue());
        assertThat(dashboard.webhook()).isEmpty();
    }

    @Test
    void plainJsonWebhookIsReadAsASecret() throws Exception {
        DashboardConfig dashboard = loader.loadDashboard(file("""
                  webhook:
                    url: https://ci.example.com/hooks/kargo?token=JSONSECRET
            """));
        DashboardConfig.Webhook webhook = dashboard.webhook().orElseThrow();
        assertThat(webhook.enabled()).as("enabled unless said otherwise").isTrue();
        assertThat(webhook.url().reveal()).isEqualTo("https://ci.example.com/hooks/kargo?token=JSONSECRET");
        assertThat(dashboard.toString()).doesNotContain("JSONSECRET");
    }

    @Test
    void enabledWebhookWithoutUrlNamesTheLineAndTheFix() throws Exception {
        Path file = file("""
                  webhook:
                    enabled: true
            """);
        assertThatThrownBy(() -> loader.loadDashboard(file)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).singleElement().hasToString(file + ":11 data.\"config.yaml\".notifications"
                        + ".webhook: missing required field 'url' (notifications are enabled). Fix: add url: "
                        + "https://ci.example.com/hooks/kargo, or enabled: false"));
    }

    @Test
    void webhookThatIsNotAUrlIsRefusedWithoutShowingIt() throws Exception {
        Path file = file("""
                  webhook:
                    uri: https://ci.example.com/hooks/kargo
                    url: ci.example.com/hooks/JSONSECRET
            """);
        assertThatThrownBy(() -> loader.loadDashboard(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.errors()).extracting(ConfigProblem::message).containsExactly("unknown field 'uri'",
                    "url is not an http(s) URL (value not shown: it is a secret)");
            assertThat(e.errors().get(0).fix()).contains("url");
            assertThat(e.errors().get(1).location().line()).isEqualTo(13);
            assertThat(e.getMessage()).doesNotContain("JSONSECRET");
        });
    }

    @Test
    void dashboardFileHoldingAnotherResourceIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("mixed.yaml"), HEAD + """
                  slack: {enabled: false}
            ---
            apiVersion: kargo.akuity.io/v1alpha1
            kind: Project
            metadata: {name: myapp}
            """);
        assertThatThrownBy(() -> loader.loadDashboard(file)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).singleElement().satisfies(p -> {
                    assertThat(p.message()).isEqualTo("a Project in the dashboard's file");
                    assertThat(p.fix()).isEqualTo("keep the dashboard ConfigMap in a file of its own");
                }));
    }

    private Path file(String notifications) throws IOException {
        return Files.writeString(dir.resolve("dashboard.yaml"), HEAD + notifications.indent(2));
    }
}
