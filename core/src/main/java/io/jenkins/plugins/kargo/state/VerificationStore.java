package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.verification.MetricResult;
import io.jenkins.plugins.kargo.verification.VerificationDecision;
import io.jenkins.plugins.kargo.verification.VerificationPhase;
import io.jenkins.plugins.kargo.verification.VerificationRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Verifications, queued and run per stage like promotions (whoever holds the stage runs them), and what their ends
 * do to the stage: a Successful one marks its Freight verified in the stage (Kargo's {@code verifiedIn}) and the stage
 * Healthy; a Failed, Error or Inconclusive one marks the stage Unhealthy and revokes the Freight's {@code verifiedIn}
 * there (Kargo never revokes it, which its issue #5144 calls a bug: a Freight that failed its re-verification should
 * not flow on).
 */
public final class VerificationStore {

    private static final String COLUMNS = "name, stage, collection, freight, promotion, actor, phase, message, "
            + "created_at, started_at, finished_at, attempts, abort_requested, metrics, decision";

    private final Database database;

    VerificationStore(Database database) {
        this.database = database;
    }

    /** Queues a verification of the collection the stage holds; its name must be new. */
    public VerificationRun create(String project, String name, String stage, FreightHistoryEntry collection,
                                  String actor) {
        return database.transaction("queueing verification " + name,
                c -> insert(c, project, name, stage, collection, actor, database.now()));
    }

    /**
     * The verification that follows a promotion of {@code collection}: as Kargo reuses an existing AnalysisRun of the
     * stage and Freight collection unless a re-verification is asked for, a collection verified in the stage before
     * (a rollback, a promotion of the same Freight again) takes that verification's result at once, with its effect
     * on the stage; otherwise a new verification is queued.
     */
    static VerificationRun afterPromotion(Connection c, String project, String name, String stage,
                                          FreightHistoryEntry collection, String actor, Instant now) throws SQLException {
        VerificationRun queued = insert(c, project, name, stage, collection, actor, now);
        Optional<VerificationRun> earlier = select(c, "project = ? AND stage = ? AND collection = ? AND phase NOT IN "
                + "('Pending', 'Running', 'Aborted') AND name <> ? ORDER BY name DESC LIMIT 1", project, stage,
                collection.id(), name).stream().findFirst();
        if (earlier.isEmpty()) {
            return queued;
        }
        VerificationRun reused = queued.ended(earlier.get().phase(), "the result of verification "
                + earlier.get().name() + " of the same Freight" + (earlier.get().message().isEmpty() ? ""
                : ": " + earlier.get().message()), now, earlier.get().metrics());
        write(c, project, reused);
        // a reused failure was applied when it ended (verifiedIn taken back then, or kept by the project's choice)
        applyOutcome(c, project, reused, false);
        return reused;
    }

    static VerificationRun insert(Connection c, String project, String name, String stage,
                                  FreightHistoryEntry collection, String actor, Instant now) throws SQLException {
        VerificationRun run = new VerificationRun(name, stage, collection.id(), collection.items(),
                collection.promotion(), actor, VerificationPhase.Pending, "", now, null, null, 0, "", List.of(),
                Optional.empty());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO verification (project, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, project);
            insert.setString(2, run.name());
            insert.setString(3, run.stage());
            insert.setString(4, run.collection());
            insert.setString(5, StateJson.write(run.freight()));
            insert.setString(6, run.promotion());
            insert.setString(7, run.actor());
            insert.setString(8, run.phase().name());
            insert.setString(9, run.message());
            insert.setString(10, Database.timestamp(run.createdAt()));
            insert.setString(11, null);
            insert.setString(12, null);
            insert.setInt(13, 0);
            insert.setString(14, null);
            insert.setString(15, "[]");
            insert.setString(16, null);
            insert.executeUpdate();
        }
        return run;
    }

    public Optional<VerificationRun> get(String project, String name) {
        return database.read("reading verification " + name,
                c -> select(c, "project = ? AND name = ?", project, name).stream().findFirst());
    }

    /** The stage's verifications, oldest first. */
    public List<VerificationRun> list(String project, String stage) {
        return database.read("listing verifications of stage " + stage,
                c -> select(c, "project = ? AND stage = ? ORDER BY name", project, stage));
    }

    /** The stage's newest verification, if it ever had one. */
    public Optional<VerificationRun> latest(String project, String stage) {
        return database.read("reading the last verification of stage " + stage,
                c -> select(c, "project = ? AND stage = ? ORDER BY name DESC LIMIT 1", project, stage)
                        .stream().findFirst());
    }

    /** The stage's Pending and Running verifications, Running first. */
    public List<VerificationRun> open(String project, String stage) {
        return database.read("reading the open verifications of stage " + stage,
                c -> select(c, PromotionStore.QUEUE, project, stage));
    }

    /**
     * Takes up the stage's next verification: one still Running (its worker died; the caller recovers it) or else
     * the oldest Pending one. Either way it becomes Running, its attempts grow by one and its results start afresh.
     */
    public Optional<VerificationRun> startNext(String project, String stage) {
        return database.transaction("starting the next verification of stage " + stage, c -> {
            Optional<VerificationRun> next = head(c, project, stage).map(run -> run.started(database.now()));
            if (next.isPresent()) {
                write(c, project, next.get());
            }
            return next;
        });
    }

    /**
     * Asks to abort the stage's open verification: a Pending one is Aborted at once, a Running one is flagged and its
     * worker stops it before its next measurement.
     *
     * @throws NoSuchElementException when the stage has no open verification
     */
    public VerificationRun requestAbort(String project, String stage, String actor) {
        return database.transaction("aborting the verification of stage " + stage, c -> {
            VerificationRun run = openRun(c, project, stage);
            VerificationRun updated = run.phase() == VerificationPhase.Pending
                    ? run.ended(VerificationPhase.Aborted, "aborted by " + actor + " before it started",
                    database.now(), List.of()).abortRequestedBy(actor)
                    : run.abortRequestedBy(actor);
            write(c, project, updated);
            return updated;
        });
    }

    /**
     * Records a person's decision on the stage's open verification of the Freight; the first decision stands.
     *
     * @throws NoSuchElementException when the stage has no open verification of that Freight
     * @throws IllegalStateException  when it was decided already, naming who decided
     */
    public VerificationRun decide(String project, String stage, String freight, boolean approved, String actor) {
        return database.transaction("recording a decision on the verification of stage " + stage, c -> {
            VerificationRun run = openRun(c, project, stage);
            if (!run.freight().containsValue(freight)) {
                throw new NoSuchElementException("the verification under way in stage " + stage + " is of Freight "
                        + String.join(", ", run.freight().values()) + ", not " + freight);
            }
            if (run.decision().isPresent()) {
                VerificationDecision earlier = run.decision().get();
                throw new IllegalStateException("verification " + run.name() + " was already "
                        + (earlier.approved() ? "approved" : "rejected") + " by " + earlier.actor());
            }
            VerificationRun decided = run.decided(new VerificationDecision(approved, actor, database.now()));
            write(c, project, decided);
            return decided;
        });
    }

    /** Whether the verification was asked to abort. */
    public boolean abortRequested(String project, String name) {
        return get(project, name).map(r -> !r.abortRequested().isEmpty()).orElse(false);
    }

    /**
     * Ends a running verification, keeping its metrics, and applies its outcome to the stage and its Freight in the
     * same transaction (see the class comment).
     */
    public VerificationRun finish(String project, String name, VerificationPhase phase, String message,
                                  List<MetricResult> metrics) {
        return finish(project, name, phase, message, metrics, true);
    }

    /**
     * As {@link #finish(String, String, VerificationPhase, String, List)}; with {@code revokeOnFailure} false a
     * failed verification leaves the Freight's {@code verifiedIn} as it was (Kargo's behaviour).
     */
    public VerificationRun finish(String project, String name, VerificationPhase phase, String message,
                                  List<MetricResult> metrics, boolean revokeOnFailure) {
        if (!phase.isTerminal()) {
            throw new IllegalArgumentException("a verification ends in a terminal phase, not " + phase);
        }
        return database.transaction("ending verification " + name, c -> {
            VerificationRun ended = one(c, project, name).ended(phase, message, database.now(), metrics);
            write(c, project, ended);
            applyOutcome(c, project, ended, revokeOnFailure);
            return ended;
        });
    }

    private static void applyOutcome(Connection c, String project, VerificationRun ended, boolean revokeOnFailure)
            throws SQLException {
        if (ended.phase() == VerificationPhase.Successful) {
            StageStore.markVerified(c, project, ended.stage(), ended.freight().values(), ended.finishedAt());
            StageStore.setHealth(c, project, ended.stage(), StageStatus.HEALTHY);
        } else if (ended.phase().isFailure()) {
            if (revokeOnFailure) {
                StageStore.revokeVerified(c, project, ended.stage(), ended.freight().values());
            }
            StageStore.setHealth(c, project, ended.stage(), StageStatus.UNHEALTHY);
        }
    }

    private static VerificationRun openRun(Connection c, String project, String stage) throws SQLException {
        return head(c, project, stage)
                .orElseThrow(() -> new NoSuchElementException("stage " + stage + " has no verification under way"));
    }

    /** The head of the stage's verification queue, in the promotions' order. */
    private static Optional<VerificationRun> head(Connection c, String project, String stage) throws SQLException {
        return select(c, PromotionStore.QUEUE + " LIMIT 1", project, stage).stream().findFirst();
    }

    private static VerificationRun one(Connection c, String project, String name) throws SQLException {
        return select(c, "project = ? AND name = ?", project, name).stream().findFirst().orElseThrow(
                () -> new NoSuchElementException("verification " + name + " not found in project " + project));
    }

    private static void write(Connection c, String project, VerificationRun run) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE verification SET phase = ?, message = ?, "
                + "started_at = ?, finished_at = ?, attempts = ?, abort_requested = ?, metrics = ?, decision = ? "
                + "WHERE project = ? AND name = ?")) {
            update.setString(1, run.phase().name());
            update.setString(2, run.message());
            update.setString(3, Database.timestamp(run.startedAt()));
            update.setString(4, Database.timestamp(run.finishedAt()));
            update.setInt(5, run.attempts());
            update.setString(6, run.abortRequested().isEmpty() ? null : run.abortRequested());
            update.setString(7, StateJson.write(run.metrics()));
            update.setString(8, run.decision().map(StateJson::write).orElse(null));
            update.setString(9, project);
            update.setString(10, run.name());
            update.executeUpdate();
        }
    }

    private static List<VerificationRun> select(Connection c, String where, String... values) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM verification WHERE " + where)) {
            StageStore.bind(select, values);
            List<VerificationRun> runs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String decision = rs.getString(15);
                    runs.add(new VerificationRun(rs.getString(1), rs.getString(2), rs.getString(3),
                            StateJson.read(rs.getString(4), Map.class), rs.getString(5), rs.getString(6),
                            VerificationPhase.valueOf(rs.getString(7)), rs.getString(8),
                            Database.instant(rs.getString(9)), Database.instant(rs.getString(10)),
                            Database.instant(rs.getString(11)), rs.getInt(12), rs.getString(13),
                            StateJson.readList(rs.getString(14), MetricResult.class),
                            Optional.ofNullable(decision).map(d -> StateJson.read(d, VerificationDecision.class))));
                }
            }
            return runs;
        }
    }
}
