package io.jenkins.plugins.kargo.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The seed's dashboard settings: a {@code v1 ConfigMap} whose {@code data."config.yaml"} is itself YAML (which
 * projects to show, UI theme and refresh, Slack notifications, admin users). Not part of any project.
 *
 * @param namespace the ConfigMap's namespace (the seed uses {@code kargo})
 * @param webhook   {@code notifications.webhook}: a plain JSON webhook (this project's addition to the seed's format)
 */
public record DashboardConfig(String name, String namespace, List<ShownProject> projects, Ui ui,
                              Optional<Slack> slack, Optional<Webhook> webhook, Rbac rbac, SourceLocation location)
        implements KargoResource {

    public DashboardConfig {
        projects = List.copyOf(projects);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.CONFIG_MAP;
    }

    @Override
    public String project() {
        return "";
    }

    /** {@code projects[]{name, warehouses[], stages[]}}: what the dashboard shows, in this order. */
    public record ShownProject(String name, List<String> warehouses, List<String> stages, SourceLocation location) {
        public ShownProject {
            warehouses = List.copyOf(warehouses);
            stages = List.copyOf(stages);
        }
    }

    /** {@code ui{theme, refreshInterval}}. */
    public record Ui(String theme, Duration refreshInterval) {
        public static final Ui DEFAULT = new Ui("light", Duration.ofSeconds(30));
    }

    /** {@code notifications.slack{enabled, webhook}}; the webhook URL holds its token, so it is a secret. */
    public record Slack(boolean enabled, SecretValue webhook) {
    }

    /** {@code notifications.webhook{enabled, url}}: each delivery event posted as JSON; the URL may hold a token. */
    public record Webhook(boolean enabled, SecretValue url) {
    }

    /** Whether the dashboard lists the project (only listed projects are shown and notified about). */
    public boolean shows(String project) {
        return projects.stream().anyMatch(p -> p.name().equals(project));
    }

    /** {@code rbac{enabled, adminUsers[]}}. */
    public record Rbac(boolean enabled, List<String> adminUsers) {
        public static final Rbac DISABLED = new Rbac(false, List.of());

        public Rbac {
            adminUsers = List.copyOf(adminUsers);
        }
    }
}
