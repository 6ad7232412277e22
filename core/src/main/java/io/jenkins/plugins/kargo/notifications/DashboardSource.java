package io.jenkins.plugins.kargo.notifications;

import io.jenkins.plugins.kargo.api.DashboardConfig;
import java.util.Optional;

/** Where the notifier finds the dashboard settings of a project, at the moment it sends. */
@FunctionalInterface
interface DashboardSource {

    /** The dashboard that lists {@code project}; empty when none does (or none can be read, which was reported). */
    Optional<DashboardConfig> forProject(String project);
}
