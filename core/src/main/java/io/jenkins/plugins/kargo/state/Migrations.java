package io.jenkins.plugins.kargo.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The store's schema, grown by numbered migrations recorded in {@code schema_version}. A new area of state (stage
 * status, promotions, ...) is a new migration script appended to {@link #ALL}; applied scripts are never edited.
 */
final class Migrations {

    record Migration(int version, String description, String script) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "configuration, freight, discovery and warehouse status", "V1__configuration_freight_warehouses.sql"),
            new Migration(2, "stage status, Freight per stage, promotions and the audit trail", "V2__stages_promotions_audit.sql"),
            new Migration(3, "verifications", "V3__verifications.sql"),
            new Migration(4, "the dashboard ConfigMap's file per project (its path, never its content)", "V4__dashboard_file.sql"));

    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    private Migrations() {
    }

    /**
     * Brings the schema to the newest version. A store that is up to date is only read, so opening it never waits
     * for a writer; otherwise the migration runs in one write transaction (SQLite's DDL is transactional), and of two
     * processes opening a new store at once the second finds the work done.
     */
    static void migrate(Database database) {
        if (database.read("reading the schema version", Migrations::checkedVersion) < newest()) {
            database.transaction("schema migration", connection -> migrate(connection, database));
        }
    }

    private static Void migrate(Connection connection, Database database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT");
        }
        int current = checkedVersion(connection);
        for (Migration migration : ALL) {
            if (migration.version() > current) {
                apply(connection, migration, database);
            }
        }
        return null;
    }

    private static int newest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /** The applied version, 0 for a new store; refuses a store migrated by a newer kargo. */
    private static int checkedVersion(Connection connection) throws SQLException {
        int current = 0;
        try (Statement statement = connection.createStatement()) {
            boolean migrated;
            try (ResultSet table = statement.executeQuery(
                    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'")) {
                migrated = table.next();
            }
            if (migrated) {
                try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                    rs.next();
                    current = rs.getInt(1);
                }
            }
        }
        if (current > newest()) {
            throw new StoreException("the state store was written by a newer kargo (schema version " + current
                    + "; this one knows up to " + newest() + "): use that version or a new --state directory");
        }
        return current;
    }

    private static void apply(Connection connection, Migration migration, Database database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENT_END.split(script(migration))) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, Database.timestamp(database.now()));
            insert.executeUpdate();
        }
    }

    private static String script(Migration migration) {
        try (InputStream in = Migrations.class.getResourceAsStream(migration.script())) {
            if (in == null) {
                throw new IllegalStateException("migration script " + migration.script() + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
