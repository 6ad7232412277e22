package io.jenkins.plugins.kargo.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the seed's dashboard ConfigMap. Its {@code data."config.yaml"} is YAML inside a string; it is parsed with the
 * same limits, and its lines and fields are reported as positions in the ConfigMap's file.
 */
final class DashboardConfigReader {

    static final String CONFIG_KEY = "config.yaml";
    private static final Pattern WEBHOOK_URL = Pattern.compile("^https?://[^\\s/]+(/\\S*)?$");

    private final YamlReader yaml;
    private final Problems problems;

    DashboardConfigReader(YamlReader yaml, Problems problems) {
        this.yaml = yaml;
        this.problems = problems;
    }

    /** The dashboard settings, or empty if this ConfigMap holds none (it is then ignored, with a warning). */
    Optional<DashboardConfig> read(String name, String namespace, ConfigNode root) {
        root.allowOnly("apiVersion", "kind", "metadata", "data");
        ConfigNode data = root.get("data");
        ConfigNode text = data.get(CONFIG_KEY);
        if (!text.present()) {
            root.warning("ConfigMap '" + name + "' has no data.\"" + CONFIG_KEY + "\" and is ignored",
                    "only the dashboard's ConfigMap (with data.\"config.yaml\") belongs in this configuration");
            return Optional.empty();
        }
        String content = text.text();
        if (content == null) {
            return Optional.empty();
        }
        // a block scalar ("config.yaml: |") starts on the line after its key
        int offset = text.location().line() - (content.contains("\n") ? 0 : 1);
        List<YamlDocument> documents = yaml.read(root.document().file(), content.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), offset, text.location().field(), problems);
        if (documents.size() != 1) {
            if (documents.size() > 1) {
                text.error("data.\"" + CONFIG_KEY + "\" holds " + documents.size() + " YAML documents",
                        "keep one document (remove the '---' separators)");
            }
            return Optional.empty();
        }
        ConfigNode config = ConfigNode.root(documents.get(0), problems);
        if (!config.isMapping("config.yaml: |\n    projects: [...]")) {
            return Optional.empty();
        }
        config.allowOnly("projects", "ui", "notifications", "rbac");
        List<DashboardConfig.ShownProject> projects = new ArrayList<>();
        for (ConfigNode project : config.get("projects").items()) {
            if (project.isMapping("- name: myapp")) {
                project.allowOnly("name", "warehouses", "stages");
                projects.add(new DashboardConfig.ShownProject(project.requiredText("name", "name the project"),
                        project.texts("warehouses"), project.texts("stages"), project.location()));
            }
        }
        ConfigNode ui = config.get("ui");
        ui.isMapping("ui: {theme: dark, refreshInterval: 30s}");
        ui.allowOnly("theme", "refreshInterval");
        String theme = ui.text("theme", DashboardConfig.Ui.DEFAULT.theme());
        if (!List.of("light", "dark").contains(theme)) {
            ui.get("theme").error("theme '" + theme + "' is unknown", "write theme: light or theme: dark");
        }
        Duration refresh = ui.goDuration("refreshInterval", DashboardConfig.Ui.DEFAULT.refreshInterval());
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
            ui.get("refreshInterval").error("refreshInterval is below one second", "use 1s or more, e.g. 30s");
        }
        ConfigNode rbac = config.get("rbac");
        rbac.isMapping("rbac: {enabled: true, adminUsers: [...]}");
        rbac.allowOnly("enabled", "adminUsers");
        return Optional.of(new DashboardConfig(name, namespace, projects, new DashboardConfig.Ui(theme, refresh),
                slack(config.get("notifications")), new DashboardConfig.Rbac(rbac.bool("enabled", false),
                rbac.texts("adminUsers")), root.location()));
    }

    private static Optional<DashboardConfig.Slack> slack(ConfigNode notifications) {
        notifications.isMapping("notifications: {slack: {...}}");
        notifications.allowOnly("slack");
        ConfigNode slack = notifications.get("slack");
        if (!slack.isMapping("slack: {enabled: true, webhook: https://hooks.slack.com/services/...}")) {
            return Optional.empty();
        }
        slack.allowOnly("enabled", "webhook");
        boolean enabled = slack.bool("enabled", true);
        ConfigNode webhookNode = slack.get("webhook");
        // never echo the value: the URL carries the webhook's token
        String webhook = webhookNode.json().isTextual() ? webhookNode.json().textValue() : "";
        if (webhookNode.present() && !webhookNode.json().isTextual()) {
            webhookNode.error("webhook must be a URL", "write webhook: https://hooks.slack.com/services/...");
        } else if (enabled && webhook.isEmpty()) {
            slack.error("missing required field 'webhook' (Slack notifications are enabled)",
                    "add webhook: https://hooks.slack.com/services/..., or enabled: false");
        } else if (!webhook.isEmpty() && !WEBHOOK_URL.matcher(webhook).matches()) {
            webhookNode.error("webhook is not an http(s) URL (value not shown: it is a secret)",
                    "write the full URL Slack gave you, starting with https://");
        }
        return Optional.of(new DashboardConfig.Slack(enabled, new SecretValue(webhook)));
    }
}
