package io.jenkins.plugins.kargo.state;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite database behind a {@link KargoStore}: connections, transactions and the clock. Package-private so that
 * no SQL or JDBC type reaches the store's callers.
 *
 * <p>The file is in WAL mode: readers never wait, and one writer at a time holds the write lock, across threads and
 * processes alike. Every write is a {@code BEGIN IMMEDIATE} transaction, so a read-modify-write holds the lock from
 * its first read and cannot lose an update; a writer that finds the lock taken waits up to
 * {@link #BUSY_TIMEOUT_MILLIS} inside SQLite (its busy handler) instead of failing.
 */
final class Database implements AutoCloseable {

    static final String FILE_NAME = "kargo.db";

    /** How long a writer waits for another (thread or process) to commit before giving up. */
    static final int BUSY_TIMEOUT_MILLIS = 30_000;

    /** SQLite's primary result codes for a damaged file and for a file that is not a database at all. */
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    /** Idle connections kept open: opening one is cheap, and a kept one spares re-reading the schema. */
    private static final int IDLE_CONNECTIONS = 4;

    /** Fixed width (nine fraction digits), so stored times sort as text and read as ISO-8601. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path directory;
    private final Clock clock;
    private final SQLiteDataSource source;
    /** The file's identity when opened (device and inode on Linux); null where the file system has none. */
    private final Object fileKey;
    private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>(IDLE_CONNECTIONS);
    private volatile boolean closed;

    private Database(Path directory, Clock clock, SQLiteDataSource source) {
        this.directory = directory;
        this.clock = clock;
        this.source = source;
        this.fileKey = fileKey(file(directory));
    }

    private static Path file(Path directory) {
        return directory.toAbsolutePath().resolve(FILE_NAME);
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Throws unless the database file is still the one this store opened. SQLite keeps writing into a file that was
     * deleted (or replaced) under it, so without this a deleted state directory goes unnoticed and every write since
     * is lost.
     */
    void requireInPlace() {
        Path file = file(directory);
        if (!Files.exists(file) || (fileKey != null && !fileKey.equals(fileKey(file)))) {
            throw new StoreException("the state directory " + directory + " was deleted or replaced while this process"
                    + " used it (" + file + (Files.exists(file) ? " is another file now" : " is gone")
                    + "): what was written since is lost");
        }
    }

    static Database open(Path directory, Clock clock) {
        if (directory.toString().contains("?")) {
            throw new IllegalArgumentException("state directory " + directory
                    + " contains '?', which the SQLite driver reads as the start of settings; choose another directory");
        }
        Path file = file(directory);
        createPrivateFile(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Database database = new Database(directory, clock, source);
        database.enableWal();
        return database;
    }

    /**
     * SQLite creates the write-ahead log and its index with the permissions of the database file, so creating that
     * file owner-only keeps all three private, whatever the directory's permissions.
     */
    private static void createPrivateFile(Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // an existing store, or another process created it first
        } catch (IOException e) {
            throw new StoreException("cannot create the state store " + file + ": " + e.getMessage(), e);
        }
    }

    /** WAL mode is a property of the file (set once, kept); it fails where the file system lacks shared memory. */
    private void enableWal() {
        String mode = run("enabling write-ahead logging", c -> {
            try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                rs.next();
                return rs.getString(1);
            }
        });
        if (!"wal".equalsIgnoreCase(mode)) {
            close();
            throw new StoreException("state store " + directory + ": SQLite cannot use write-ahead logging here (journal mode "
                    + mode + "); put the state on a local file system");
        }
    }

    Path directory() {
        return directory;
    }

    /** A connection of its own, for {@link StoreChanges}: SQLite's {@code data_version} is counted per connection. */
    Connection dedicatedConnection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("state store " + directory + " is closed");
        }
        return source.getConnection();
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}): no other writer, in this process or
     * another, commits between its reads and its writes. Committed when it returns, rolled back when it throws.
     */
    <T> T transaction(String what, Work<T> work) {
        return inTransaction("BEGIN IMMEDIATE", what, work);
    }

    /** Runs {@code work}, which only reads, on one consistent snapshot, without waiting for writers. */
    <T> T read(String what, Work<T> work) {
        return inTransaction("BEGIN", what, work);
    }

    private <T> T inTransaction(String begin, String what, Work<T> work) {
        return run(what, c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute(begin);
                T result;
                try {
                    result = work.run(c);
                } catch (SQLException | RuntimeException e) {
                    try {
                        statement.execute("ROLLBACK");
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback); // closing the connection (run does) rolls back all the same
                    }
                    throw e;
                }
                statement.execute("COMMIT");
                return result;
            }
        });
    }

    /** Runs {@code work} on a connection of its own; a connection whose work failed is closed, not reused. */
    private <T> T run(String what, Work<T> work) {
        if (closed) {
            throw new IllegalStateException("state store " + directory + " is closed");
        }
        try {
            Connection connection = idle.pollFirst();
            if (connection == null) {
                connection = source.getConnection();
            }
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(connection, e);
                throw e;
            }
            release(connection);
            return result;
        } catch (SQLException e) {
            int primary = e.getErrorCode() & 0xff; // extended result codes keep the primary one in their low byte
            if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
                throw new StoreException("state store " + directory + ": " + FILE_NAME + " is "
                        + (primary == SQLITE_NOTADB ? "not a SQLite database" : "corrupt") + " (" + what + " failed):"
                        + " restore the state directory from a backup, or start a fresh one (another --state"
                        + " directory, then apply the configuration again); keep this one for what it recorded", e);
            }
            throw new StoreException("state store " + directory + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    private void release(Connection connection) throws SQLException {
        if (closed || !idle.offerFirst(connection)) {
            connection.close();
        } else if (closed) {
            closeIdle();
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    static Instant instant(String timestamp) {
        return timestamp == null ? null : Instant.parse(timestamp);
    }

    private void closeIdle() {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a connection with no open transaction fails only on a broken file, which the next open reports
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }
}
