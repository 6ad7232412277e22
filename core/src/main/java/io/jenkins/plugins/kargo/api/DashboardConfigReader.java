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
            root.warning(WarningKind.DASHBOARD_WITHOUT_CONFIG, "ConfigMap '" + name + "' has no data.\"" + CONFIG_KEY + "\" and is ignored",
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
        Notifications notifications = notifications(config.get("notifications"));
        return Optional.of(new DashboardConfig(name, namespace, projects, new DashboardConfig.Ui(theme, refresh),
                notifications.slack(), notifications.webhook(), new DashboardConfig.Rbac(rbac.bool("enabled", false),
                rbac.texts("adminUsers")), root.location()));
    }

    private record Notifications(Optional<DashboardConfig.Slack> slack, Optional<DashboardConfig.Webhook> webhook) {
    }

    private static Notifications notifications(ConfigNode notifications) {
        notifications.isMapping("notifications: {slack: {...}, webhook: {...}}");
        notifications.allowOnly("slack", "webhook");
        Optional<DashboardConfig.Slack> slack = Optional.empty();
        ConfigNode slackNode = notifications.get("slack");
        if (slackNode.isMapping("slack: {enabled: true, webhook: https://hooks.slack.com/services/...}")) {
            slackNode.allowOnly("enabled", "webhook");
            boolean enabled = slackNode.bool("enabled", true);
            slack = Optional.of(new DashboardConfig.Slack(enabled, secretUrl(slackNode, "webhook", enabled,
                    "https://hooks.slack.com/services/...", "the full URL Slack gave you")));
        }
        Optional<DashboardConfig.Webhook> webhook = Optional.empty();
        ConfigNode webhookNode = notifications.get("webhook");
        if (webhookNode.isMapping("webhook: {enabled: true, url: https://ci.example.com/hooks/kargo}")) {
            webhookNode.allowOnly("enabled", "url");
            boolean enabled = webhookNode.bool("enabled", true);
            webhook = Optional.of(new DashboardConfig.Webhook(enabled, secretUrl(webhookNode, "url", enabled,
                    "https://ci.example.com/hooks/kargo", "the full URL of the endpoint that receives the JSON")));
        }
        return new Notifications(slack, webhook);
    }

    /** The URL in {@code parent.field}, checked; never echoed in a problem, as the URL carries the webhook's token. */
    private static SecretValue secretUrl(ConfigNode parent, String field, boolean enabled, String example,
                                         String what) {
        ConfigNode node = parent.get(field);
        String url = node.json().isTextual() ? node.json().textValue() : "";
        if (node.present() && !node.json().isTextual()) {
            node.error(field + " must be a URL", "write " + field + ": " + example);
        } else if (enabled && url.isEmpty()) {
            parent.error("missing required field '" + field + "' (notifications are enabled)",
                    "add " + field + ": " + example + ", or enabled: false");
        } else if (!url.isEmpty() && !WEBHOOK_URL.matcher(url).matches()) {
            node.error(field + " is not an http(s) URL (value not shown: it is a secret)",
                    "write " + what + ", starting with https://");
        }
        return new SecretValue(url);
    }
}
