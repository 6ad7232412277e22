package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.promotion.Promotion;
import io.jenkins.plugins.kargo.promotion.PromotionPhase;
import io.jenkins.plugins.kargo.promotion.StepLogEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Promotions and their step logs. Within a stage, promotion names sort in creation order, which is the queue's
 * order (Kargo's {@code ComparePromotionByPhaseAndCreationTime}: the Running one first, then the others oldest
 * first). Who may run a stage's queue is the caller's business (one worker per stage at a time).
 */
public final class PromotionStore {

    /** A stage's queue in Kargo's order: the Running one first, then the Pending ones oldest first (name order). */
    static final String QUEUE = "project = ? AND stage = ? AND phase IN ('Running', 'Pending') "
            + "ORDER BY CASE phase WHEN 'Running' THEN 0 ELSE 1 END, name";

    private static final String COLUMNS = "name, stage, freight, actor, phase, created_at, started_at, finished_at, "
            + "message, attempts, abort_requested, steps";

    private final Database database;

    PromotionStore(Database database) {
        this.database = database;
    }

    /** Stores a new Pending promotion; its name must be new. */
    public Promotion create(String project, String name, String stage, String freight, String actor) {
        return database.transaction("creating promotion " + name, c -> {
            Promotion promotion = new Promotion(name, stage, freight, actor, PromotionPhase.Pending, database.now(),
                    null, null, "", 0, false, List.of());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO promotion (project, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, project);
                bind(insert, 2, promotion);
                insert.executeUpdate();
            }
            return promotion;
        });
    }

    public Optional<Promotion> get(String project, String name) {
        return database.read("reading promotion " + name,
                c -> select(c, "project = ? AND name = ?", project, name).stream().findFirst());
    }

    /** The project's promotions (of one stage, when {@code stage} is not null), oldest first. */
    public List<Promotion> list(String project, String stage) {
        return database.read("listing promotions of project " + project, c -> stage == null
                ? select(c, "project = ? ORDER BY created_at, name", project)
                : select(c, "project = ? AND stage = ? ORDER BY name", project, stage));
    }

    /**
     * Takes up the head of the stage's queue: a promotion still marked Running (its worker died: the caller, who
     * now runs the stage's queue, recovers it) or else the oldest Pending one, which becomes Running. Either way its
     * attempts grow by one and its step log starts afresh.
     */
    public Optional<Promotion> startNext(String project, String stage) {
        return database.transaction("starting the next promotion of stage " + stage, c -> {
            List<Promotion> open = select(c, QUEUE + " LIMIT 1", project, stage);
            if (open.isEmpty()) {
                return Optional.empty();
            }
            Promotion p = open.get(0);
            Promotion started = new Promotion(p.name(), p.stage(), p.freight(), p.actor(), PromotionPhase.Running,
                    p.createdAt(), database.now(), null, p.message(), p.attempts() + 1, p.abortRequested(), List.of());
            write(c, project, started);
            return Optional.of(started);
        });
    }

    /** Appends to a running promotion's step log. */
    public void appendStep(String project, String name, StepLogEntry entry) {
        database.transaction("logging a step of promotion " + name, c -> {
            Promotion p = one(c, project, name);
            List<StepLogEntry> steps = new ArrayList<>(p.steps());
            steps.add(entry);
            write(c, project, new Promotion(p.name(), p.stage(), p.freight(), p.actor(), p.phase(), p.createdAt(),
                    p.startedAt(), p.finishedAt(), p.message(), p.attempts(), p.abortRequested(), steps));
            return null;
        });
    }

    /**
     * Asks to abort: a Pending promotion becomes Aborted at once; a Running one is flagged, and its worker stops it
     * before its next step.
     *
     * @throws IllegalStateException when it has ended already
     */
    public Promotion requestAbort(String project, String name, String actor) {
        return database.transaction("aborting promotion " + name, c -> {
            Promotion p = one(c, project, name);
            Promotion updated = switch (p.phase()) {
                case Pending -> new Promotion(p.name(), p.stage(), p.freight(), p.actor(), PromotionPhase.Aborted,
                        p.createdAt(), p.startedAt(), database.now(), "aborted by " + actor + " before it started",
                        p.attempts(), true, p.steps());
                case Running -> new Promotion(p.name(), p.stage(), p.freight(), p.actor(), p.phase(), p.createdAt(),
                        p.startedAt(), p.finishedAt(), p.message(), p.attempts(), true, p.steps());
                default -> throw new IllegalStateException("promotion " + name + " has already ended (" + p.phase() + ")");
            };
            write(c, project, updated);
            return updated;
        });
    }

    /**
     * Ends a running promotion. On {@link PromotionPhase#Succeeded}, in the same transaction, the stage's history
     * gets {@code promoted} on top and Freight moves in and out of the stage; then the verification named
     * {@code verification} is queued (or an earlier one's result reused, see
     * {@link VerificationStore#afterPromotion}), or without one (a stage with no verification) the arrived Freight is marked
     * verified in the stage at once, as Kargo records an immediately successful verification.
     */
    public Promotion finish(String project, String name, PromotionPhase phase, String message,
                            FreightHistoryEntry promoted, Optional<String> verification) {
        if (!phase.isTerminal()) {
            throw new IllegalArgumentException("a promotion ends in a terminal phase, not " + phase);
        }
        return database.transaction("ending promotion " + name, c -> {
            Promotion p = one(c, project, name);
            Promotion ended = new Promotion(p.name(), p.stage(), p.freight(), p.actor(), phase, p.createdAt(),
                    p.startedAt(), database.now(), message, p.attempts(), p.abortRequested(), p.steps());
            write(c, project, ended);
            if (phase == PromotionPhase.Succeeded) {
                StageStore.recordPromoted(c, project, p.stage(), promoted, ended.finishedAt());
                if (verification.isPresent()) {
                    VerificationStore.afterPromotion(c, project, verification.get(), p.stage(), promoted,
                            p.actor(), ended.finishedAt());
                } else {
                    StageStore.markVerified(c, project, p.stage(), promoted.items().values(), ended.finishedAt());
                    StageStore.setHealth(c, project, p.stage(), StageStatus.HEALTHY);
                }
            }
            return ended;
        });
    }

    /** Whether the promotion was asked to abort. */
    public boolean abortRequested(String project, String name) {
        return get(project, name).map(Promotion::abortRequested).orElse(false);
    }

    /** The stage's Pending and Running promotions, in queue order. */
    public List<Promotion> open(String project, String stage) {
        return database.read("reading the queue of stage " + stage, c -> select(c, QUEUE, project, stage));
    }

    /** The newest ended promotion of the Freight into the stage, if any. */
    public Optional<Promotion> lastEnded(String project, String stage, String freight) {
        return database.read("reading promotions of stage " + stage, c -> select(c, "project = ? AND stage = ? AND "
                + "freight = ? AND phase NOT IN ('Running', 'Pending') ORDER BY name DESC LIMIT 1", project, stage, freight)
                .stream().findFirst());
    }

    private static Promotion one(Connection c, String project, String name) throws SQLException {
        return select(c, "project = ? AND name = ?", project, name).stream().findFirst().orElseThrow(
                () -> new java.util.NoSuchElementException("promotion " + name + " not found in project " + project));
    }

    private static void write(Connection c, String project, Promotion p) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE promotion SET phase = ?, started_at = ?, "
                + "finished_at = ?, message = ?, attempts = ?, abort_requested = ?, steps = ? WHERE project = ? AND name = ?")) {
            update.setString(1, p.phase().name());
            update.setString(2, Database.timestamp(p.startedAt()));
            update.setString(3, Database.timestamp(p.finishedAt()));
            update.setString(4, p.message());
            update.setInt(5, p.attempts());
            update.setInt(6, p.abortRequested() ? 1 : 0);
            update.setString(7, StateJson.write(p.steps()));
            update.setString(8, project);
            update.setString(9, p.name());
            update.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, int first, Promotion p) throws SQLException {
        s.setString(first, p.name());
        s.setString(first + 1, p.stage());
        s.setString(first + 2, p.freight());
        s.setString(first + 3, p.actor());
        s.setString(first + 4, p.phase().name());
        s.setString(first + 5, Database.timestamp(p.createdAt()));
        s.setString(first + 6, Database.timestamp(p.startedAt()));
        s.setString(first + 7, Database.timestamp(p.finishedAt()));
        s.setString(first + 8, p.message());
        s.setInt(first + 9, p.attempts());
        s.setInt(first + 10, p.abortRequested() ? 1 : 0);
        s.setString(first + 11, StateJson.write(p.steps()));
    }

    private static List<Promotion> select(Connection c, String where, String... values) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM promotion WHERE " + where)) {
            StageStore.bind(select, values);
            List<Promotion> promotions = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    promotions.add(new Promotion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            PromotionPhase.valueOf(rs.getString(5)), Database.instant(rs.getString(6)),
                            Database.instant(rs.getString(7)), Database.instant(rs.getString(8)), rs.getString(9),
                            rs.getInt(10), rs.getInt(11) != 0, StateJson.readList(rs.getString(12), StepLogEntry.class)));
                }
            }
            return promotions;
        }
    }
}
