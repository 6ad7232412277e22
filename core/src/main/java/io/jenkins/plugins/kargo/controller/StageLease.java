package io.jenkins.plugins.kargo.controller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The right to run one stage's promotions: held by one thread of one process on a state directory at a time. A
 * file lock (released by the operating system when a process dies, however it dies) keeps other processes out, a
 * semaphore other threads of this one. So a worker that gets the lease and finds a promotion still Running knows
 * its runner is gone.
 */
final class StageLease implements AutoCloseable {

    private static final ConcurrentHashMap<Path, Semaphore> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Semaphore thread;
    private final FileChannel channel;
    private final FileLock lock;

    private StageLease(Path file, Semaphore thread, FileChannel channel, FileLock lock) {
        this.file = file;
        this.thread = thread;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lease, or empty at once when another thread or process holds it. */
    static Optional<StageLease> tryAcquire(Path stateDirectory, String project, String stage) {
        Path file = stateDirectory.resolve("leases").resolve(project).resolve(stage + ".lock").toAbsolutePath().normalize();
        Semaphore thread = IN_THIS_PROCESS.computeIfAbsent(file, f -> new Semaphore(1));
        if (!thread.tryAcquire()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                thread.release();
                return Optional.empty();
            }
            return Optional.of(new StageLease(file, thread, channel, lock));
        } catch (IOException e) {
            thread.release();
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            thread.release();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock " + file + ": " + e.getMessage(), e);
        } finally {
            thread.release();
        }
    }
}
