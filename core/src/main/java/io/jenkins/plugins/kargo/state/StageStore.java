package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.freight.FreightStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per stage: its Freight history, health and auto-promotion hold; per Freight and stage: Kargo's
 * {@code verifiedIn}, {@code approvedFor} and {@code currentlyIn}.
 */
public final class StageStore {

    private final Database database;

    StageStore(Database database) {
        this.database = database;
    }

    /** The stage's status; {@link StageStatus#initial} when nothing was ever promoted into it. */
    public StageStatus status(String project, String stage) {
        return database.read("reading status of stage " + stage, c -> select(c, project, stage));
    }

    /** The status of every stage of the project that has one, by name. */
    public List<StageStatus> statuses(String project) {
        return database.read("reading stage statuses of project " + project, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT stage, history, health, hold FROM stage_status "
                    + "WHERE project = ? ORDER BY stage")) {
                select.setString(1, project);
                List<StageStatus> statuses = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        statuses.add(status(rs));
                    }
                }
                return statuses;
            }
        });
    }

    /** Where the Freight has been verified, approved and is now. */
    public FreightStatus freightStatus(String project, String freight) {
        return database.read("reading status of Freight " + freight,
                c -> freightStatuses(c, project, "AND freight = ?", freight).getOrDefault(freight, FreightStatus.NONE));
    }

    /** The status of every Freight of the project that has been anywhere, by Freight name. */
    public Map<String, FreightStatus> freightStatuses(String project) {
        return database.read("reading Freight statuses of project " + project, c -> freightStatuses(c, project, ""));
    }

    /**
     * Records that {@code actor} approved the Freight for the stage (Kargo's {@code approvedFor}).
     *
     * @return false when it was approved already; the first approval is kept, as in Kargo
     */
    public boolean approve(String project, String freight, String stage, String actor) {
        return database.transaction("approving Freight " + freight + " for stage " + stage, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO freight_stage (project, freight, stage, "
                    + "approved_at, approved_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (project, freight, stage) DO UPDATE "
                    + "SET approved_at = excluded.approved_at, approved_by = excluded.approved_by "
                    + "WHERE freight_stage.approved_at IS NULL")) {
                bind(upsert, project, freight, stage, Database.timestamp(database.now()), actor);
                return upsert.executeUpdate() > 0;
            }
        });
    }

    /**
     * Records that the Freight passed verification in the stage (Kargo's {@code verifiedIn}); a second verification
     * keeps the first time.
     */
    public void markVerified(String project, String stage, Collection<String> freight) {
        database.transaction("marking Freight verified in stage " + stage, c -> {
            markVerified(c, project, stage, freight, database.now());
            return null;
        });
    }

    /** Sets ({@code hold} present) or lifts the stage's auto-promotion hold. */
    public void setHold(String project, String stage, Optional<AutoPromotionHold> hold) {
        database.transaction("setting the auto-promotion hold of stage " + stage, c -> {
            StageStatus status = select(c, project, stage);
            write(c, project, new StageStatus(stage, status.history(), status.health(), hold));
            return null;
        });
    }

    static void markVerified(Connection c, String project, String stage, Collection<String> freight, Instant now)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO freight_stage (project, freight, stage, "
                + "verified_at) VALUES (?, ?, ?, ?) ON CONFLICT (project, freight, stage) DO UPDATE "
                + "SET verified_at = excluded.verified_at WHERE freight_stage.verified_at IS NULL")) {
            for (String name : freight) {
                bind(upsert, project, name, stage, Database.timestamp(now));
                upsert.executeUpdate();
            }
        }
    }

    /** Removes the Freight's {@code verifiedIn} for the stage (a failed re-verification); its soak record stays. */
    static void revokeVerified(Connection c, String project, String stage, Collection<String> freight)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE freight_stage SET verified_at = NULL "
                + "WHERE project = ? AND freight = ? AND stage = ?")) {
            for (String name : freight) {
                bind(update, project, name, stage);
                update.executeUpdate();
            }
        }
    }

    static void setHealth(Connection c, String project, String stage, String health) throws SQLException {
        StageStatus status = select(c, project, stage);
        write(c, project, new StageStatus(stage, status.history(), health, status.hold()));
    }

    /**
     * Puts a new Freight collection on top of the stage's history (keeping {@value StageStatus#MAX_HISTORY}; the same
     * collection promoted again replaces the top entry instead), and
     * moves {@code currentlyIn}: Freight that left the stage has its stay ended (its longest soak updated, as
     * Kargo's {@code RemoveCurrentStage}); Freight that arrived is in it from {@code now}.
     */
    static void recordPromoted(Connection c, String project, String stage, FreightHistoryEntry entry, Instant now)
            throws SQLException {
        StageStatus status = select(c, project, stage);
        Collection<String> before = status.current().map(e -> e.items().values()).orElse(List.of());
        Collection<String> after = entry.items().values();
        for (String left : before) {
            if (!after.contains(left)) {
                endStay(c, project, left, stage, now);
            }
        }
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO freight_stage (project, freight, stage, in_since) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (project, freight, stage) DO UPDATE SET in_since = excluded.in_since "
                + "WHERE freight_stage.in_since IS NULL")) {
            for (String arrived : after) {
                bind(upsert, project, arrived, stage, Database.timestamp(now));
                upsert.executeUpdate();
            }
        }
        // a re-promotion of the current Freight replaces its entry, naming the new promotion: repeats must not push
        // the older, different Freight (what a rollback goes back to) out of the history
        boolean again = status.current().filter(top -> top.id().equals(entry.id())).isPresent();
        List<FreightHistoryEntry> history = new ArrayList<>();
        history.add(entry);
        history.addAll(status.history().subList(again ? 1 : 0, status.history().size()));
        write(c, project, new StageStatus(stage, history.subList(0, Math.min(history.size(), StageStatus.MAX_HISTORY)),
                StageStatus.UNKNOWN_HEALTH, status.hold()));
    }

    private static void endStay(Connection c, String project, String freight, String stage, Instant now) throws SQLException {
        FreightStatus status = freightStatuses(c, project, "AND freight = ?", freight).getOrDefault(freight, FreightStatus.NONE);
        long longest = status.longestSoak(stage, now).toSeconds();
        try (PreparedStatement update = c.prepareStatement("UPDATE freight_stage SET in_since = NULL, "
                + "longest_soak_seconds = MAX(longest_soak_seconds, ?) WHERE project = ? AND freight = ? AND stage = ?")) {
            update.setLong(1, longest);
            bind(update, 2, project, freight, stage);
            update.executeUpdate();
        }
    }

    private static StageStatus select(Connection c, String project, String stage) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT stage, history, health, hold FROM stage_status WHERE project = ? AND stage = ?")) {
            bind(select, project, stage);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? status(rs) : StageStatus.initial(stage);
            }
        }
    }

    private static StageStatus status(ResultSet rs) throws SQLException {
        String hold = rs.getString("hold");
        return new StageStatus(rs.getString("stage"), StateJson.readList(rs.getString("history"), FreightHistoryEntry.class),
                rs.getString("health"), hold == null ? Optional.empty() : Optional.of(StateJson.read(hold, AutoPromotionHold.class)));
    }

    private static void write(Connection c, String project, StageStatus status) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO stage_status (project, stage, history, health, hold) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (project, stage) DO UPDATE SET history = excluded.history, "
                + "health = excluded.health, hold = excluded.hold")) {
            bind(upsert, project, status.stage(), StateJson.write(status.history()), status.health(),
                    status.hold().map(StateJson::write).orElse(null));
            upsert.executeUpdate();
        }
    }

    private static Map<String, FreightStatus> freightStatuses(Connection c, String project, String and, String... values)
            throws SQLException {
        Map<String, Map<String, FreightStatus.VerifiedIn>> verified = new HashMap<>();
        Map<String, Map<String, FreightStatus.ApprovedFor>> approved = new HashMap<>();
        Map<String, Map<String, FreightStatus.CurrentlyIn>> current = new HashMap<>();
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT freight, stage, verified_at, longest_soak_seconds, "
                + "approved_at, approved_by, in_since FROM freight_stage WHERE project = ? " + and)) {
            select.setString(1, project);
            bind(select, 2, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String freight = rs.getString(1);
                    String stage = rs.getString(2);
                    if (!names.contains(freight)) {
                        names.add(freight);
                    }
                    if (rs.getString(3) != null) {
                        verified.computeIfAbsent(freight, k -> new HashMap<>()).put(stage, new FreightStatus.VerifiedIn(
                                Database.instant(rs.getString(3)), Duration.ofSeconds(rs.getLong(4))));
                    }
                    if (rs.getString(5) != null) {
                        approved.computeIfAbsent(freight, k -> new HashMap<>()).put(stage,
                                new FreightStatus.ApprovedFor(Database.instant(rs.getString(5)), rs.getString(6)));
                    }
                    if (rs.getString(7) != null) {
                        current.computeIfAbsent(freight, k -> new HashMap<>()).put(stage,
                                new FreightStatus.CurrentlyIn(Database.instant(rs.getString(7))));
                    }
                }
            }
        }
        Map<String, FreightStatus> statuses = new HashMap<>();
        for (String name : names) {
            statuses.put(name, new FreightStatus(verified.getOrDefault(name, Map.of()), approved.getOrDefault(name, Map.of()),
                    current.getOrDefault(name, Map.of())));
        }
        return statuses;
    }

    static void bind(PreparedStatement statement, String... values) throws SQLException {
        bind(statement, 1, values);
    }

    static void bind(PreparedStatement statement, int first, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setString(first + i, values[i]);
        }
    }
}
