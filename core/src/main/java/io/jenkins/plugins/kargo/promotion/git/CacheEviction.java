package io.jenkins.plugins.kargo.promotion.git;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Keeps the {@link RepositoryCache} within a size: when it has grown past {@link Limits#maxBytes}, cached clones are
 * removed least recently used first until it fits, except those used within {@link Limits#minIdle} (a promotion's
 * working tree may still borrow their objects) and those another promotion holds. A clone is first renamed out of
 * its place and then deleted, so a crash in between leaves a leftover the next refresh removes, never half a clone.
 */
public final class CacheEviction {

    /**
     * @param maxBytes how large the cache may grow before clones are removed
     * @param minIdle  how long a clone must have been unused before it may be removed
     * @param every    how often the cache is measured when nothing was cloned (a clone always measures it)
     */
    public record Limits(long maxBytes, Duration minIdle, Duration every) {
        /** 2 GiB; unused for an hour; measured at most every ten minutes. */
        public static final Limits DEFAULT = new Limits(2L << 30, Duration.ofHours(1), Duration.ofMinutes(10));

        public Limits {
            if (maxBytes < 0 || minIdle.isNegative() || every.isNegative()) {
                throw new IllegalArgumentException("cache limits must not be negative");
            }
        }
    }

    /** Locks a cached clone if nobody uses it; empty when in use. Closing the result releases it. */
    interface Locker {
        Optional<AutoCloseable> tryLock(Path cached) throws IOException;
    }

    /** The name a clone takes, after its own, while it is being deleted. */
    static final String EVICTING = ".evicting-";

    private final Path root;
    private final Limits limits;
    private final Locker locker;
    private final Clock clock;
    private Instant lastMeasured = Instant.MIN;

    CacheEviction(Path root, Limits limits, Locker locker) {
        this(root, limits, locker, Clock.systemUTC());
    }

    CacheEviction(Path root, Limits limits, Locker locker, Clock clock) {
        this.root = root;
        this.limits = limits;
        this.locker = locker;
        this.clock = clock;
    }

    /**
     * Called after each checkout: measures the cache after a clone, or when it was last measured long enough ago,
     * and removes what does not fit.
     *
     * @param used the clone just used, never removed now
     * @return the clones removed
     */
    synchronized List<Path> afterUse(Path used, boolean cloned) throws IOException {
        Instant now = clock.instant();
        if (!cloned && lastMeasured.plus(limits.every()).isAfter(now)) {
            return List.of();
        }
        lastMeasured = now;
        List<Cached> clones = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path clone : children.filter(p -> p.getFileName().toString().endsWith(".git") && Files.isDirectory(p)).toList()) {
                clones.add(new Cached(clone, lastUsed(clone), size(clone)));
            }
        }
        long total = clones.stream().mapToLong(Cached::bytes).sum();
        List<Path> removed = new ArrayList<>();
        for (Cached clone : clones.stream().sorted(Comparator.comparing(Cached::lastUsed)).toList()) {
            if (total <= limits.maxBytes()) {
                break;
            }
            if (clone.path().equals(used) || clone.lastUsed().plus(limits.minIdle()).isAfter(now)) {
                continue;
            }
            Optional<AutoCloseable> lock = locker.tryLock(clone.path());
            if (lock.isEmpty()) {
                continue;
            }
            try (AutoCloseable ignored = lock.get()) {
                remove(clone.path());
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            total -= clone.bytes();
            removed.add(clone.path());
        }
        return removed;
    }

    /** Renames the clone out of its place in one step, then deletes it. */
    static void remove(Path clone) throws IOException {
        Path doomed = clone.resolveSibling(clone.getFileName() + EVICTING + UUID.randomUUID());
        try {
            Files.move(clone, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(clone, doomed);
        }
        RepositoryCache.deleteRecursively(doomed);
    }

    private record Cached(Path path, Instant lastUsed, long bytes) {
    }

    /** When a checkout last used the clone: the time of its lock file, which each checkout sets. */
    private static Instant lastUsed(Path clone) throws IOException {
        Path lock = clone.resolveSibling(clone.getFileName() + ".lock");
        return Files.exists(lock) ? Files.getLastModifiedTime(lock).toInstant() : Instant.EPOCH;
    }

    private static long size(Path directory) throws IOException {
        long[] bytes = {0};
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                bytes[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // removed meanwhile
            }
        });
        return bytes[0];
    }
}
