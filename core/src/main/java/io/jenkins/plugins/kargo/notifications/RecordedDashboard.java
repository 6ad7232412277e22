package io.jenkins.plugins.kargo.notifications;

import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigLoader;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.DashboardConfig;
import io.jenkins.plugins.kargo.events.EventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard ConfigMap file {@code kargo apply} recorded for a project, read again each time: the state keeps
 * the path, never the webhook URLs in the file, and a rotated webhook takes effect without an apply. A file that is
 * gone or no longer valid is reported (which file, what to do) and means no notification.
 */
final class RecordedDashboard implements DashboardSource {

    private final Function<String, Optional<Path>> recordedFile;
    private final ConfigLoader loader = new ConfigLoader();
    private final EventSink events;

    /** @param recordedFile the project's dashboard file as recorded at apply, if any */
    RecordedDashboard(Function<String, Optional<Path>> recordedFile, EventSink events) {
        this.recordedFile = recordedFile;
        this.events = events;
    }

    @Override
    public Optional<DashboardConfig> forProject(String project) {
        Optional<Path> file = recordedFile.apply(project);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file.get())) {
            events.warn("notifications of project " + project + " not sent: its dashboard ConfigMap file "
                    + file.get() + " (recorded by `kargo apply`) is missing. Fix: put it back, or run `kargo apply` "
                    + "again with the dashboard's new location");
            return Optional.empty();
        }
        try {
            return Optional.of(loader.loadDashboard(file.get())).filter(d -> d.shows(project));
        } catch (ConfigException e) {
            events.warn("notifications of project " + project + " not sent: its dashboard ConfigMap file "
                    + file.get() + " is not valid: " + e.errors().stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("; ")) + " (`kargo apply` checks the file the same way)");
            return Optional.empty();
        }
    }
}
