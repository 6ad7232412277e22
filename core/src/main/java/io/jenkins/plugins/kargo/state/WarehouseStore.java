package io.jenkins.plugins.kargo.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Per Warehouse: the result of its last discovery and its status. Each write is one write transaction, which holds
 * the store's write lock from its first read, so concurrent discoveries (threads or processes) never lose an update.
 */
public final class WarehouseStore {

    private final Database database;

    WarehouseStore(Database database) {
        this.database = database;
    }

    /**
     * Keeps what one discovery found (replacing the previous result) and stamps the status with its time and
     * errors. Newest versions and last Freight are the engine's to set, through {@link #updateStatus}.
     */
    public DiscoveryResult recordDiscovery(String project, String warehouse, List<SubscriptionDiscovery> subscriptions) {
        return database.transaction("recording discovery of Warehouse " + warehouse, c -> {
            WarehouseStatus status = currentStatus(c, project, warehouse);
            DiscoveryResult result = new DiscoveryResult(warehouse, database.now(), subscriptions);
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO discovery (project, warehouse, discovered_at, "
                    + "content) VALUES (?, ?, ?, ?) ON CONFLICT (project, warehouse) DO UPDATE SET "
                    + "discovered_at = excluded.discovered_at, content = excluded.content")) {
                upsert.setString(1, project);
                upsert.setString(2, warehouse);
                upsert.setString(3, Database.timestamp(result.discoveredAt()));
                upsert.setString(4, StateJson.write(result.subscriptions()));
                upsert.executeUpdate();
            }
            writeStatus(c, project, new WarehouseStatus(warehouse, result.discoveredAt(), result.errors(),
                    status.lastFreight(), status.newestVersions()));
            return result;
        });
    }

    /** The last discovery of the Warehouse, if it ever ran. */
    public Optional<DiscoveryResult> lastDiscovery(String project, String warehouse) {
        return database.read("reading discovery of Warehouse " + warehouse, c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT discovered_at, content FROM discovery WHERE project = ? AND warehouse = ?")) {
                select.setString(1, project);
                select.setString(2, warehouse);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<SubscriptionDiscovery> subscriptions = StateJson.readList(rs.getString(2), SubscriptionDiscovery.class);
                    return Optional.of(new DiscoveryResult(warehouse,
                            Database.instant(rs.getString(1)), subscriptions));
                }
            }
        });
    }

    /**
     * Changes the Warehouse's status atomically: {@code change} sees the current status (or
     * {@link WarehouseStatus#initial}) while no other writer can change it, and what it returns is stored.
     */
    public WarehouseStatus updateStatus(String project, String warehouse, UnaryOperator<WarehouseStatus> change) {
        return database.transaction("updating status of Warehouse " + warehouse, c -> {
            WarehouseStatus updated = change.apply(currentStatus(c, project, warehouse));
            if (!updated.warehouse().equals(warehouse)) {
                throw new IllegalArgumentException("status of Warehouse " + warehouse + " cannot become that of " + updated.warehouse());
            }
            writeStatus(c, project, updated);
            return updated;
        });
    }

    public Optional<WarehouseStatus> status(String project, String warehouse) {
        return database.read("reading status of Warehouse " + warehouse,
                c -> selectStatus(c, "project = ? AND warehouse = ?", project, warehouse).stream().findFirst());
    }

    /** The status of every Warehouse of the project that was ever discovered or updated, by name. */
    public List<WarehouseStatus> statuses(String project) {
        return database.read("reading Warehouse statuses of project " + project,
                c -> selectStatus(c, "project = ?", project));
    }

    /** The current status, its row created (as {@link WarehouseStatus#initial}) if missing; in a write transaction. */
    private static WarehouseStatus currentStatus(Connection c, String project, String warehouse) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO warehouse_status (project, warehouse, "
                + "last_error, last_freight, newest_versions) VALUES (?, ?, '', '', '[]') ON CONFLICT DO NOTHING")) {
            insert.setString(1, project);
            insert.setString(2, warehouse);
            insert.executeUpdate();
        }
        return selectStatus(c, "project = ? AND warehouse = ?", project, warehouse).get(0);
    }

    private static void writeStatus(Connection c, String project, WarehouseStatus status) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE warehouse_status SET last_discovered_at = ?, "
                + "last_error = ?, last_freight = ?, newest_versions = ? WHERE project = ? AND warehouse = ?")) {
            update.setString(1, Database.timestamp(status.lastDiscoveredAt()));
            update.setString(2, status.lastError());
            update.setString(3, status.lastFreight());
            update.setString(4, StateJson.write(status.newestVersions()));
            update.setString(5, project);
            update.setString(6, status.warehouse());
            update.executeUpdate();
        }
    }

    private static List<WarehouseStatus> selectStatus(Connection c, String where, String... values) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT warehouse, last_discovered_at, last_error, "
                + "last_freight, newest_versions FROM warehouse_status WHERE " + where + " ORDER BY warehouse")) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            List<WarehouseStatus> statuses = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    statuses.add(new WarehouseStatus(rs.getString(1), Database.instant(rs.getString(2)),
                            rs.getString(3), rs.getString(4), StateJson.readList(rs.getString(5), SubscriptionVersion.class)));
                }
            }
            return statuses;
        }
    }
}
