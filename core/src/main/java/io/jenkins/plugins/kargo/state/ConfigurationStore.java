package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.api.ConfigSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The configuration applied per project: the YAML documents as the user wrote them, replaced whole on apply. */
public final class ConfigurationStore {

    private final Database database;

    ConfigurationStore(Database database) {
        this.database = database;
    }

    /** Replaces the project's configuration with {@code documents}, atomically; the project has no dashboard. */
    public AppliedConfiguration apply(String project, List<ConfigSource> documents) {
        return apply(project, documents, Optional.empty());
    }

    /**
     * Replaces the project's configuration with {@code documents} and the path of its dashboard ConfigMap, atomically.
     * Only the path is kept: the file holds webhook secrets, and notifications read it again each time.
     */
    public AppliedConfiguration apply(String project, List<ConfigSource> documents, Optional<Path> dashboardFile) {
        Instant now = database.now();
        return database.transaction("applying the configuration of project " + project, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO project (name, applied_at, dashboard_file) "
                    + "VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET applied_at = excluded.applied_at, "
                    + "dashboard_file = excluded.dashboard_file");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM config_document WHERE project = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO config_document (project, doc_index, source_file, content) VALUES (?, ?, ?, ?)")) {
                upsert.setString(1, project);
                upsert.setString(2, Database.timestamp(now));
                upsert.setString(3, dashboardFile.map(f -> f.toAbsolutePath().toString()).orElse(""));
                upsert.executeUpdate();
                delete.setString(1, project);
                delete.executeUpdate();
                for (int i = 0; i < documents.size(); i++) {
                    insert.setString(1, project);
                    insert.setInt(2, i);
                    insert.setString(3, documents.get(i).name());
                    insert.setString(4, documents.get(i).text());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return new AppliedConfiguration(project, now, documents);
        });
    }

    /** The project's configuration as last applied, if it was. */
    public Optional<AppliedConfiguration> get(String project) {
        return database.read("reading the configuration of project " + project, c -> {
            Optional<Instant> appliedAt = appliedAt(c, project);
            if (appliedAt.isEmpty()) {
                return Optional.empty();
            }
            List<ConfigSource> documents = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT source_file, content FROM config_document WHERE project = ? ORDER BY doc_index")) {
                select.setString(1, project);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        documents.add(new ConfigSource(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return Optional.of(new AppliedConfiguration(project, appliedAt.get(), documents));
        });
    }

    /** When the project's configuration was last applied: its version, read without its documents. */
    public Optional<Instant> appliedAt(String project) {
        return database.read("reading the version of project " + project, c -> appliedAt(c, project));
    }

    /** The absolute path of the project's dashboard ConfigMap file as last applied, if it had one. */
    public Optional<Path> dashboardFile(String project) {
        return database.read("reading the dashboard file of project " + project, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT dashboard_file FROM project WHERE name = ?")) {
                select.setString(1, project);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() && !rs.getString(1).isEmpty() ? Optional.of(Path.of(rs.getString(1)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The names of the projects with an applied configuration, sorted. */
    public List<String> projects() {
        return database.read("listing projects", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT name FROM project ORDER BY name");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    private static Optional<Instant> appliedAt(Connection c, String project) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT applied_at FROM project WHERE name = ?")) {
            select.setString(1, project);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(Database.instant(rs.getString(1))) : Optional.empty();
            }
        }
    }
}
