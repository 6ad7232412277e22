package io.jenkins.plugins.kargo.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A bare git repository on disk, filled through a working clone with the real {@code git} command: commits with
 * chosen dates and files, branches, lightweight and annotated tags, each pushed at once. Dates are explicit so
 * that tests of "newest" orders are deterministic.
 */
public final class BareGitRepository {

    private static final String AUTHOR = "Ada Author";
    private static final String AUTHOR_EMAIL = "ada@example.com";
    private static final String COMMITTER = "Carl Committer";
    private static final String COMMITTER_EMAIL = "carl@example.com";

    private final Path gitDir;
    private final Path work;

    private BareGitRepository(Path gitDir, Path work) {
        this.gitDir = gitDir;
        this.work = work;
    }

    /** {@code parent/name.git}, bare, whose first branch is {@code main}; the clone is {@code parent/name.work}. */
    public static BareGitRepository create(Path parent, String name) {
        Path gitDir = parent.resolve(name + ".git");
        Path work = parent.resolve(name + ".work");
        try {
            Files.createDirectories(gitDir);
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GitCli.run(gitDir, Map.of(), "init", "-q", "--bare", "--initial-branch=main");
        GitCli.run(work, Map.of(), "init", "-q", "--initial-branch=main");
        GitCli.run(work, Map.of(), "remote", "add", "origin", gitDir.toString());
        return new BareGitRepository(gitDir, work);
    }

    public Path gitDir() {
        return gitDir;
    }

    /** {@code file:///...name.git} */
    public String fileUrl() {
        return gitDir.toUri().toString();
    }

    /** The author as git prints {@code %an <%ae>}. */
    public static String author() {
        return AUTHOR + " <" + AUTHOR_EMAIL + ">";
    }

    /** The committer as git prints {@code %cn <%ce>}. */
    public static String committer() {
        return COMMITTER + " <" + COMMITTER_EMAIL + ">";
    }

    /**
     * Writes the files (a null content deletes the file), commits them on the current branch at {@code when} and
     * pushes the branch.
     *
     * @return the new commit's ID
     */
    public String commit(String message, Instant when, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                if (file.getValue() == null) {
                    Files.deleteIfExists(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GitCli.run(work, Map.of(), "add", "-A");
        GitCli.run(work, dated(when), "commit", "-q", "--allow-empty", "-m", message);
        GitCli.run(work, Map.of(), "push", "-q", "--force", "origin", "HEAD");
        return head();
    }

    /** The file at {@code path} on {@code branch} of the bare repository (what was pushed there). */
    public String read(String branch, String path) {
        return GitCli.run(gitDir, Map.of(), "show", branch + ":" + path);
    }

    /** The IDs of the commits on {@code branch} of the bare repository that touch {@code path}, newest first. */
    public List<String> log(String branch, String path) {
        return GitCli.run(gitDir, Map.of(), "log", "--format=%H", branch, "--", path).lines().toList();
    }

    /** Creates a branch at the current commit and switches to it. */
    public void branch(String name) {
        GitCli.run(work, Map.of(), "checkout", "-q", "-b", name);
    }

    /** Switches to an existing branch. */
    public void checkout(String branch) {
        GitCli.run(work, Map.of(), "checkout", "-q", branch);
    }

    /**
     * Merges {@code branch} into the current branch with a merge commit at {@code when}, and pushes.
     *
     * @return the merge commit's ID
     */
    public String merge(String branch, String message, Instant when) {
        GitCli.run(work, dated(when), "merge", "-q", "--no-ff", "-m", message, branch);
        GitCli.run(work, Map.of(), "push", "-q", "origin", "HEAD");
        return head();
    }

    /** The current commit's ID. */
    public String head() {
        return GitCli.run(work, Map.of(), "rev-parse", "HEAD");
    }

    /** A lightweight tag on the current commit, pushed. */
    public void tag(String name) {
        GitCli.run(work, Map.of(), "tag", name);
        GitCli.run(work, Map.of(), "push", "-q", "origin", "refs/tags/" + name);
    }

    /** An annotated tag on the current commit created at {@code when}, pushed. */
    public void annotatedTag(String name, String message, Instant when) {
        GitCli.run(work, dated(when), "tag", "-a", name, "-m", message);
        GitCli.run(work, Map.of(), "push", "-q", "origin", "refs/tags/" + name);
    }

    /** Deletes a tag from the bare repository. */
    public void deleteTag(String name) {
        GitCli.run(work, Map.of(), "push", "-q", "origin", ":refs/tags/" + name);
    }

    /** Makes {@code branch} the bare repository's default branch (its {@code HEAD}). */
    public void setDefaultBranch(String branch) {
        GitCli.run(gitDir, Map.of(), "symbolic-ref", "HEAD", "refs/heads/" + branch);
    }

    private static Map<String, String> dated(Instant when) {
        String date = "@" + when.getEpochSecond() + " +0000";
        return Map.of("GIT_AUTHOR_NAME", AUTHOR, "GIT_AUTHOR_EMAIL", AUTHOR_EMAIL, "GIT_AUTHOR_DATE", date,
                "GIT_COMMITTER_NAME", COMMITTER, "GIT_COMMITTER_EMAIL", COMMITTER_EMAIL, "GIT_COMMITTER_DATE", date);
    }
}
