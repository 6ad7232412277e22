package io.jenkins.plugins.kargo.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded H2 database behind a {@link KargoStore}: connections, transactions and the clock. Package-private so
 * that no SQL or JDBC type reaches the store's callers.
 */
final class Database implements AutoCloseable {

    /** SQLSTATE of a unique or primary key violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path directory;
    private final Clock clock;
    private final JdbcConnectionPool pool;

    private Database(Path directory, Clock clock, JdbcConnectionPool pool) {
        this.directory = directory;
        this.clock = clock;
        this.pool = pool;
    }

    static Database open(Path directory, Clock clock) {
        if (directory.toString().contains(";")) {
            throw new IllegalArgumentException("state directory " + directory
                    + " contains ';', which H2 reads as a setting; choose another directory");
        }
        // AUTO_SERVER: the first process to open the files serves them over TCP to the others (a `kargo get` while
        // `kargo serve` runs), with a random key from the lock file. Keep that server on loopback unless the
        // user chose a bind address.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("kargo") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=30000";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "kargo", "");
        pool.setMaxConnections(32);
        return new Database(directory, clock, pool);
    }

    Path directory() {
        return directory;
    }

    Instant now() {
        return clock.instant();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    StoreException failure(String what, SQLException e) {
        return new StoreException("state store " + directory + ": " + what + " failed: " + e.getMessage(), e);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
