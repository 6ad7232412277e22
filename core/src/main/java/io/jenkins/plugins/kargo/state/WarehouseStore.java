package io.jenkins.plugins.kargo.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Per Warehouse: the result of its last discovery and its status. Writes to one Warehouse are serialised by a lock
 * on its status row, so concurrent discoveries (threads or processes) never lose an update.
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
        createStatusIfMissing(project, warehouse);
        return database.transaction("recording discovery of Warehouse " + warehouse, c -> {
            WarehouseStatus status = lockStatus(c, project, warehouse);
            DiscoveryResult result = new DiscoveryResult(warehouse, database.now(), subscriptions);
            try (PreparedStatement merge = c.prepareStatement("MERGE INTO discovery (project, warehouse, discovered_at, "
                    + "content) KEY (project, warehouse) VALUES (?, ?, ?, ? FORMAT JSON)")) {
                merge.setString(1, project);
                merge.setString(2, warehouse);
                merge.setObject(3, Database.timestamp(result.discoveredAt()));
                merge.setString(4, StateJson.write(result.subscriptions()));
                merge.executeUpdate();
            }
            writeStatus(c, project, new WarehouseStatus(warehouse, result.discoveredAt(), result.errors(),
                    status.lastFreight(), status.newestVersions()));
            return result;
        });
    }

    /** The last discovery of the Warehouse, if it ever ran. */
    public Optional<DiscoveryResult> lastDiscovery(String project, String warehouse) {
        return database.transaction("reading discovery of Warehouse " + warehouse, c -> {
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
                            Database.instant(rs.getObject(1, OffsetDateTime.class)), subscriptions));
                }
            }
        });
    }

    /**
     * Changes the Warehouse's status atomically: {@code change} sees the current status (or
     * {@link WarehouseStatus#initial}) while no other writer can change it, and what it returns is stored.
     */
    public WarehouseStatus updateStatus(String project, String warehouse, UnaryOperator<WarehouseStatus> change) {
        createStatusIfMissing(project, warehouse);
        return database.transaction("updating status of Warehouse " + warehouse, c -> {
            WarehouseStatus updated = change.apply(lockStatus(c, project, warehouse));
            if (!updated.warehouse().equals(warehouse)) {
                throw new IllegalArgumentException("status of Warehouse " + warehouse + " cannot become that of " + updated.warehouse());
            }
            writeStatus(c, project, updated);
            return updated;
        });
    }

    public Optional<WarehouseStatus> status(String project, String warehouse) {
        return database.transaction("reading status of Warehouse " + warehouse,
                c -> selectStatus(c, "project = ? AND warehouse = ?", false, project, warehouse).stream().findFirst());
    }

    /** The status of every Warehouse of the project that was ever discovered or updated, by name. */
    public List<WarehouseStatus> statuses(String project) {
        return database.transaction("reading Warehouse statuses of project " + project,
                c -> selectStatus(c, "project = ?", false, project));
    }

    /** The current status, its row locked until the transaction ends; the row must exist. */
    private static WarehouseStatus lockStatus(Connection c, String project, String warehouse) throws SQLException {
        return selectStatus(c, "project = ? AND warehouse = ?", true, project, warehouse).get(0);
    }

    /**
     * In a transaction of its own, committed before the caller's transaction starts: a row that another writer
     * is still inserting could be neither seen nor locked.
     */
    private void createStatusIfMissing(String project, String warehouse) {
        database.transaction("creating status of Warehouse " + warehouse, c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO warehouse_status (project, warehouse, "
                    + "last_error, last_freight, newest_versions) SELECT ?, ?, '', '', '[]' FORMAT JSON WHERE NOT EXISTS "
                    + "(SELECT 1 FROM warehouse_status WHERE project = ? AND warehouse = ?)")) {
                insert.setString(1, project);
                insert.setString(2, warehouse);
                insert.setString(3, project);
                insert.setString(4, warehouse);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e;
                }
                // another writer created it first: just as good
            }
            return null;
        });
    }

    private static void writeStatus(Connection c, String project, WarehouseStatus status) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE warehouse_status SET last_discovered_at = ?, "
                + "last_error = ?, last_freight = ?, newest_versions = ? FORMAT JSON WHERE project = ? AND warehouse = ?")) {
            update.setObject(1, Database.timestamp(status.lastDiscoveredAt()));
            update.setString(2, status.lastError());
            update.setString(3, status.lastFreight());
            update.setString(4, StateJson.write(status.newestVersions()));
            update.setString(5, project);
            update.setString(6, status.warehouse());
            update.executeUpdate();
        }
    }

    private static List<WarehouseStatus> selectStatus(Connection c, String where, boolean lock, String... values)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT warehouse, last_discovered_at, last_error, "
                + "last_freight, newest_versions FROM warehouse_status WHERE " + where + " ORDER BY warehouse"
                + (lock ? " FOR UPDATE" : ""))) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            List<WarehouseStatus> statuses = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    statuses.add(new WarehouseStatus(rs.getString(1), Database.instant(rs.getObject(2, OffsetDateTime.class)),
                            rs.getString(3), rs.getString(4), StateJson.readList(rs.getString(5), SubscriptionVersion.class)));
                }
            }
            return statuses;
        }
    }
}
