package io.jenkins.plugins.kargo.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether anyone else committed to the store since the last look, by SQLite's {@code PRAGMA data_version} on a
 * connection of its own: the number changes when another connection (another process on the same state directory,
 * or another thread of this one) commits, and reading it costs no table access. One per watcher, not per query.
 */
public final class StoreChanges implements AutoCloseable {

    private final Connection connection;
    private final String directory;

    private StoreChanges(Connection connection, String directory) {
        this.connection = connection;
        this.directory = directory;
    }

    static StoreChanges open(Database database) {
        try {
            return new StoreChanges(database.dedicatedConnection(), database.directory().toString());
        } catch (SQLException e) {
            throw new StoreException("state store " + database.directory() + ": watching for changes failed: "
                    + e.getMessage(), e);
        }
    }

    /** The store's data version as this connection sees it; a different number means someone else committed. */
    public synchronized long version() {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("state store " + directory + ": reading its data version failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was written on it
        }
    }
}
