package io.jenkins.plugins.kargo.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
            new Migration(1, "configuration, freight, discovery and warehouse status", "V1__configuration_freight_warehouses.sql"));

    /** H2 commits on every DDL statement, so a transaction cannot keep two processes from migrating at once. */
    private static final Object JVM_LOCK = new Object();

    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    private Migrations() {
    }

    /** Brings the schema to the newest version, holding a file lock so one process at a time migrates. */
    static void migrate(Database database) {
        synchronized (JVM_LOCK) {
            Path lockFile = database.directory().resolve("schema.lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                database.transaction("schema migration", connection -> migrate(connection, database));
            } catch (IOException e) {
                throw new StoreException("state store " + database.directory() + ": cannot lock " + lockFile + ": " + e, e);
            }
        }
    }

    private static Void migrate(Connection connection, Database database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP(9) WITH TIME ZONE NOT NULL)");
        }
        int current = currentVersion(connection);
        int newest = ALL.get(ALL.size() - 1).version();
        if (current > newest) {
            throw new StoreException("the state store was written by a newer kargo (schema version " + current
                    + "; this one knows up to " + newest + "): use that version or a new --state directory");
        }
        for (Migration migration : ALL) {
            if (migration.version() > current) {
                apply(connection, migration, database);
            }
        }
        return null;
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
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
            insert.setObject(3, Database.timestamp(database.now()));
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
