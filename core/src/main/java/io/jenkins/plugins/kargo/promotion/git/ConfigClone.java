package io.jenkins.plugins.kargo.promotion.git;

import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.git.GitTransportRetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;

/**
 * A shallow clone of one branch of a repository that holds a project's Kargo YAML, for {@code apply} to read (the
 * Jenkins plugin's project source, as Kargo users keep their project directory in a git repository). The repository's
 * git credentials come from the credentials port, as a promotion's do; transient failures are tried again
 * ({@link GitTransportRetry}). Closing it deletes the clone.
 */
public final class ConfigClone implements AutoCloseable {

    private final Path directory;
    private final String repository;

    private ConfigClone(Path directory, String repository) {
        this.directory = directory;
        this.repository = repository;
    }

    /**
     * Clones {@code branch} of {@code repoURL} (its last commit only) into a new temporary directory.
     *
     * @throws IllegalArgumentException naming the repository (never its credentials) and the branch, with the cause
     */
    public static ConfigClone of(String repoURL, String branch, CredentialsProvider credentials)
            throws IOException, InterruptedException {
        RemoteAccess access = RemoteAccess.lookup(credentials, repoURL, false);
        Path directory = Files.createTempDirectory("kargo-config-");
        ConfigClone clone = new ConfigClone(directory, RepositoryCache.withoutCredentials(repoURL));
        try {
            GitTransportRetry.DEFAULT.call(() -> {
                clear(directory);
                try (Git ignored = access.applyTo(Git.cloneRepository()).setURI(repoURL).setBranch(branch)
                        .setDepth(1).setCloneAllBranches(false).setNoTags().setDirectory(directory.toFile()).call()) {
                    return null;
                }
            });
            return clone;
        } catch (GitAPIException | JGitInternalException | IOException e) {
            clone.close();
            if (Thread.interrupted()) {
                throw new InterruptedException("cloning " + RepositoryCache.withoutCredentials(repoURL) + " was interrupted");
            }
            throw new IllegalArgumentException("cannot read branch " + branch + " of " + RepositoryCache.withoutCredentials(repoURL)
                    + ": " + rootMessage(e).replace(repoURL, RepositoryCache.withoutCredentials(repoURL)) + "; check the repository URL, the branch and its credentials", e);
        } catch (RuntimeException e) {
            clone.close();
            throw e;
        }
    }

    /** The repository's URL as messages may show it: without a password or an HTTP user name. */
    public String repository() {
        return repository;
    }

    /** The working tree of the clone. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            clear(directory);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            directory.toFile().deleteOnExit();
        }
    }

    private static void clear(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(directory)).forEach(p -> p.toFile().delete());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
