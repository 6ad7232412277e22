package io.jenkins.plugins.kargo.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Who did what when, per project, in the order it happened. Append-only. */
public final class AuditTrail {

    private final Database database;

    AuditTrail(Database database) {
        this.database = database;
    }

    public AuditEvent record(String project, String actor, String action, String target, String detail) {
        return database.transaction("recording " + action + " of " + target, c -> {
            AuditEvent event = new AuditEvent(database.now(), actor, action, target, detail);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audit_event (project, at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                StageStore.bind(insert, project, Database.timestamp(event.at()), actor, action, target, detail);
                insert.executeUpdate();
            }
            return event;
        });
    }

    /** The project's events, oldest first. */
    public List<AuditEvent> list(String project) {
        return database.read("reading the audit trail of project " + project, c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT at, actor, action, target, detail FROM audit_event WHERE project = ? ORDER BY seq")) {
                select.setString(1, project);
                List<AuditEvent> events = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        events.add(new AuditEvent(Database.instant(rs.getString(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
                return events;
            }
        });
    }
}
