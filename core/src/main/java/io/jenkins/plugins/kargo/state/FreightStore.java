package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightAliases;
import io.jenkins.plugins.kargo.freight.FreightArtifact;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightId;
import io.jenkins.plugins.kargo.freight.FreightImage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Freight of every project, in creation order. Freight is immutable once stored; its name is its
 * {@link FreightId}, its alias unique within the project.
 */
public final class FreightStore {

    /** The JSON column: everything but the name, alias and creation time, which have columns of their own. */
    private record Content(FreightOrigin origin, List<FreightImage> images, List<FreightChart> charts,
                           List<FreightCommit> commits, List<FreightArtifact> artifacts) {
    }

    private static final String COLUMNS = "name, alias, created_at, content";

    private final Database database;
    private final FreightAliases aliases;

    FreightStore(Database database, FreightAliases aliases) {
        this.database = database;
        this.aliases = aliases;
    }

    /**
     * Stores {@code freight} in {@code project} unless a Freight of the same name is there already, in which case
     * that one is returned with {@code created == false}. As Kargo's webhook does, the name is recomputed from the
     * artifacts; the alias is kept when given, else a free one is chosen; the creation time comes from the store's
     * clock.
     *
     * @throws IllegalArgumentException when the given alias is used by another Freight of the project
     */
    public FreightCreation create(String project, Freight freight) {
        String name = FreightId.of(freight);
        boolean aliasGiven = freight.alias() != null && !freight.alias().isBlank();
        Content content = new Content(freight.origin(), freight.images(), freight.charts(), freight.commits(), freight.artifacts());
        // one write transaction: no other writer, in any process, can take the name or the alias between the
        // look-ups and the insert
        return database.transaction("creating Freight " + name + " in project " + project, c -> {
            Optional<Freight> existing = select(c, "project = ? AND name = ?", project, name);
            if (existing.isPresent()) {
                return new FreightCreation(existing.get(), false);
            }
            String alias = aliasGiven ? freight.alias() : freeAlias(c, project);
            if (aliasGiven && select(c, "project = ? AND alias = ?", project, alias).isPresent()) {
                throw new IllegalArgumentException("alias " + alias + " is already used by another Freight in project "
                        + project + "; choose another alias");
            }
            Instant now = database.now();
            insert(c, project, name, alias, now, content);
            return new FreightCreation(new Freight(name, alias, freight.origin(), now, freight.images(),
                    freight.charts(), freight.commits(), freight.artifacts()), true);
        });
    }

    public Optional<Freight> byName(String project, String name) {
        return database.read("reading Freight " + name, c -> select(c, "project = ? AND name = ?", project, name));
    }

    public Optional<Freight> byAlias(String project, String alias) {
        return database.read("reading Freight " + alias, c -> select(c, "project = ? AND alias = ?", project, alias));
    }

    /** All Freight of the project, oldest first. */
    public List<Freight> list(String project) {
        return database.read("listing Freight of project " + project,
                c -> selectAll(c, "project = ?", project));
    }

    /** The Freight of one Warehouse, oldest first. */
    public List<Freight> list(String project, String warehouse) {
        return database.read("listing Freight of Warehouse " + warehouse,
                c -> selectAll(c, "project = ? AND warehouse = ?", project, warehouse));
    }

    private String freeAlias(Connection c, String project) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            String alias = aliases.candidate(attempt);
            if (select(c, "project = ? AND alias = ?", project, alias).isEmpty()) {
                return alias;
            }
        }
    }

    private static void insert(Connection c, String project, String name, String alias, Instant createdAt,
                                  Content content) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO freight (project, name, alias, warehouse, "
                + "created_at, content) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, project);
            insert.setString(2, name);
            insert.setString(3, alias);
            insert.setString(4, content.origin().name());
            insert.setString(5, Database.timestamp(createdAt));
            insert.setString(6, StateJson.write(content));
            insert.executeUpdate();
        }
    }

    private static Optional<Freight> select(Connection c, String where, String... values) throws SQLException {
        List<Freight> found = selectAll(c, where, values);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Freight> selectAll(Connection c, String where, String... values) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM freight WHERE " + where + " ORDER BY seq")) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            List<Freight> freight = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Content content = StateJson.read(rs.getString("content"), Content.class);
                    freight.add(new Freight(rs.getString("name"), rs.getString("alias"), content.origin(),
                            Database.instant(rs.getString("created_at")), content.images(),
                            content.charts(), content.commits(), content.artifacts()));
                }
            }
            return freight;
        }
    }
}
