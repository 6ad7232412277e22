package io.jenkins.plugins.kargo.discovery.git;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One bare repository per remote URL under a directory of its own, which discovery fetches into instead of cloning
 * again. A repository is used by one discovery at a time: a lock in this process and a file lock against other
 * processes (a {@code kargo} command next to a running server) guard it.
 */
final class BareRepositoryCache {

    private final Path directory;
    private final Map<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

    BareRepositoryCache(Path directory) {
        this.directory = directory;
    }

    /** The bare repository for this URL, created empty on first use, locked until the result is closed. */
    Cached open(String url) throws IOException {
        Path gitDir = directory.resolve(name(url));
        ReentrantLock lock = locks.computeIfAbsent(gitDir, d -> new ReentrantLock());
        lock.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(gitDir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.lock();
            Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
            if (!repository.getObjectDatabase().exists()) {
                repository.create(true);
            }
            return new Cached(repository, fileLock, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            lock.unlock();
            throw e;
        }
    }

    /** {@code <last path segment>-<12 hex of the URL's SHA-256>.git}: readable, and distinct per URL. */
    static String name(String url) {
        String withoutSlash = url.replaceAll("/+$", "");
        String last = withoutSlash.substring(withoutSlash.lastIndexOf('/') + 1).replaceAll("\\.git$", "")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return (last.isEmpty() ? "repo" : last) + "-" + HexFormat.of().formatHex(hash, 0, 6) + ".git";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A cached repository held for one discovery. */
    static final class Cached implements AutoCloseable {

        private final Repository repository;
        private final FileLock fileLock;
        private final ReentrantLock lock;

        private Cached(Repository repository, FileLock fileLock, ReentrantLock lock) {
            this.repository = repository;
            this.fileLock = fileLock;
            this.lock = lock;
        }

        Repository repository() {
            return repository;
        }

        /** Whether every object is already here, so that a fetch would bring nothing this discovery needs. */
        boolean hasAll(Iterable<? extends AnyObjectId> ids) throws IOException {
            try (ObjectReader reader = repository.newObjectReader()) {
                for (AnyObjectId id : ids) {
                    if (!reader.has(id)) {
                        return false;
                    }
                }
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                repository.close();
                fileLock.channel().close();
            } finally {
                lock.unlock();
            }
        }
    }
}
