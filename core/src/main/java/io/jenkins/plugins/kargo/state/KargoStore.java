package io.jenkins.plugins.kargo.state;

import io.jenkins.plugins.kargo.freight.FreightAliases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/**
 * The engine's state, kept in an SQLite database in one directory: applied configuration, Freight, discovery
 * results, warehouse status, stage status (history, holds, where each Freight is verified, approved and current),
 * promotions, verifications and the audit trail. It survives restarts, and several threads and several processes (a {@code kargo serve} and
 * a {@code kargo get}) may use one directory at once: SQLite's file locks serialise writers, readers never wait.
 *
 * <p>Values go in and come out as immutable records; no SQL or JDBC type is part of this API. Each area has its own
 * view: {@link #configurations()}, {@link #freight()}, {@link #warehouses()}, {@link #stages()},
 * {@link #promotions()}, {@link #verifications()}, {@link #audit()}.
 */
public final class KargoStore implements AutoCloseable {

    /** The database file in a state directory. */
    public static final String DATABASE = Database.FILE_NAME;

    private final Database database;
    private final ConfigurationStore configurations;
    private final FreightStore freight;
    private final WarehouseStore warehouses;
    private final StageStore stages;
    private final PromotionStore promotions;
    private final VerificationStore verifications;
    private final AuditTrail audit;

    private KargoStore(Database database, FreightAliases aliases) {
        this.database = database;
        this.configurations = new ConfigurationStore(database);
        this.freight = new FreightStore(database, aliases);
        this.warehouses = new WarehouseStore(database);
        this.stages = new StageStore(database);
        this.promotions = new PromotionStore(database);
        this.verifications = new VerificationStore(database);
        this.audit = new AuditTrail(database);
    }

    /** Opens (creating or migrating as needed) the store in {@code directory}, with the system clock. */
    public static KargoStore open(Path directory) {
        return open(directory, Clock.systemUTC(), FreightAliases.unseeded());
    }

    /**
     * @param clock   the source of every timestamp the store records
     * @param aliases where aliases for new Freight come from
     */
    public static KargoStore open(Path directory, Clock clock, FreightAliases aliases) {
        try {
            createPrivateDirectory(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + directory + ": " + e.getMessage(), e);
        }
        if (Files.exists(directory.resolve("kargo.mv.db")) && !Files.exists(directory.resolve(Database.FILE_NAME))) {
            throw new StoreException("state directory " + directory + " holds a store of an earlier kargo (H2, kargo.mv.db), "
                    + "which this one cannot read: apply the configuration again with a new --state directory");
        }
        Database database = Database.open(directory, clock);
        try {
            Migrations.migrate(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new KargoStore(database, aliases);
    }

    /** The database holds the applied configuration: readable by the owner only, where the file system knows permissions. */
    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    public Path directory() {
        return database.directory();
    }

    /**
     * Throws a {@link StoreException} when the state directory was deleted or replaced since this store opened it:
     * SQLite goes on writing into the deleted file, so what was recorded since is lost.
     */
    public void requireInPlace() {
        database.requireInPlace();
    }

    public ConfigurationStore configurations() {
        return configurations;
    }

    public FreightStore freight() {
        return freight;
    }

    public WarehouseStore warehouses() {
        return warehouses;
    }

    public StageStore stages() {
        return stages;
    }

    public PromotionStore promotions() {
        return promotions;
    }

    public VerificationStore verifications() {
        return verifications;
    }

    /** A counter of what other connections (other processes, other threads of this one) committed to the store. */
    public StoreChanges changes() {
        return StoreChanges.open(database);
    }

    public AuditTrail audit() {
        return audit;
    }

    @Override
    public void close() {
        database.close();
    }
}
