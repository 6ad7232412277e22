package io.jenkins.plugins.kargo.promotion.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import io.jenkins.plugins.kargo.url.RepoUrls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Kargo's {@code git-push}: pushes a working tree's HEAD to a branch of its {@code origin}. When the push is
 * rejected because someone else pushed first, it fetches the branch, rebases onto it (dropping a commit whose
 * change the branch already has, so no empty commit lands) and tries again, up to {@code maxAttempts} times (10,
 * as Kargo). Pushes of this engine to one branch take turns, as Kargo's do, so only pushes from elsewhere cause
 * retries. Output {@code commit}: the branch's commit after the push; {@code branch}: the branch. {@code force}
 * overwrites the branch instead (no integration, as Kargo); {@code tag} pushes a tag {@code git-tag} made.
 */
public final class GitPushStep implements PromotionStepRunner {

    static final int DEFAULT_MAX_ATTEMPTS = 10;

    /**
     * Without {@code targetBranch} the checked out branch is pushed; {@code generateTargetBranch} pushes to a new one;
     * {@code tag} pushes that tag instead of a branch; {@code force} overwrites the branch, without integrating what
     * it has.
     */
    public record Config(String path, String targetBranch, Integer maxAttempts, boolean generateTargetBranch,
                         String tag, boolean force) {
        public Config {
            StepConfig.require(StepConfig.present(path), "path", "is required", "give the working tree a git-clone checked out");
            StepConfig.require(maxAttempts == null || maxAttempts >= 1, "maxAttempts", "is " + maxAttempts
                    + ", must be at least 1", "");
            StepConfig.require(!generateTargetBranch || !StepConfig.present(targetBranch), "", "sets both targetBranch "
                    + "and generateTargetBranch", "set either targetBranch or generateTargetBranch: true");
            StepConfig.require(!StepConfig.present(tag) || !generateTargetBranch && !StepConfig.present(targetBranch),
                    "tag", "is set with a branch to push to", "push a tag or a branch, in two git-push steps");
            StepConfig.require(!StepConfig.present(tag) || !force, "force", "is set with a tag",
                    "tags are not overwritten; leave force out");
        }

        int attempts() {
            return maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        }
    }

    /** The remote branch moved since it was last fetched. */
    private static final class RemoteMoved extends Exception {
        RemoteMoved() {
            super(null, null, false, false);
        }
    }

    private record Pushed(ObjectId commit, boolean changed, int dropped) {
    }

    private final Map<String, ReentrantLock> branchLocks = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "git-push";
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) throws InterruptedException {
        Config config;
        Path directory;
        try {
            config = StepConfig.bind(name(), rawConfig, Config.class);
            directory = WorkDirPath.locate(context.workDir(), "config.path", config.path());
        } catch (StepException e) {
            return StepResult.errored(name() + ": " + e.getMessage());
        }
        try (Repository repo = RepositoryCache.openWorkTree(directory); Git git = Git.wrap(repo)) {
            String url = repo.getConfig().getString("remote", Constants.DEFAULT_REMOTE_NAME, "url");
            if (url == null) {
                return StepResult.errored(name() + ": " + config.path() + " has no origin remote; check it out with git-clone");
            }
            RemoteAccess access;
            try {
                access = RemoteAccess.lookup(context.credentials(), url, !repo.getConfig().getBoolean("http", "sslVerify", true));
            } catch (IllegalArgumentException e) {
                return StepResult.errored(name() + ": " + e.getMessage());
            }
            if (StepConfig.present(config.tag())) {
                return pushTag(git, access, config, context);
            }
            String branch = targetBranch(config, context, repo);
            ReentrantLock lock = branchLocks.computeIfAbsent(RepoUrls.normalizeGit(url) + "#" + branch, k -> new ReentrantLock());
            lock.lockInterruptibly();
            Pushed pushed;
            try {
                pushed = pushWithRetries(git, access, branch, config);
            } finally {
                lock.unlock();
            }
            String message = (pushed.changed() ? "pushed " : "nothing to push, " + branch + " already has the change at ")
                    + pushed.commit().abbreviate(7).name() + (pushed.changed() ? " to " + branch : "")
                    + (pushed.dropped() > 0 ? " (" + pushed.dropped() + " commit(s) already in the branch dropped)" : "");
            context.log().info(name() + ": " + config.path() + ": " + message);
            return StepResult.succeeded(Map.of("commit", pushed.commit().name(), "branch", branch), message);
        } catch (RepositoryNotFoundException e) {
            return StepResult.errored(name() + ": path '" + config.path() + "' is not a git working tree; check it out with git-clone first");
        } catch (Rebase.ConflictException e) {
            return StepResult.failed(name() + ": cannot rebase onto the branch: " + e.getMessage());
        } catch (RemoteMoved e) {
            return StepResult.errored(name() + ": the branch kept moving; gave up after " + config.attempts()
                    + " attempts (raise maxAttempts)");
        } catch (IllegalStateException | IOException | GitAPIException | JGitInternalException e) {
            return StepResult.errored(name() + ": could not push " + config.path() + ": " + RepositoryCache.innermostMessage(e));
        }
    }

    /**
     * Pushes the tag as it is (no integration: a tag that exists on the remote stays, and the push is refused);
     * output {@code commit}: the working tree's HEAD, {@code branch} the branch checked out, if any.
     */
    private StepResult pushTag(Git git, RemoteAccess access, Config config, StepContext context)
            throws IOException, GitAPIException {
        Repository repo = git.getRepository();
        String ref = Constants.R_TAGS + config.tag();
        if (repo.exactRef(ref) == null) {
            return StepResult.errored(name() + ": " + config.path() + " has no tag " + config.tag()
                    + "; make it with git-tag first");
        }
        for (PushResult result : access.applyTo(git.push().setRemote(Constants.DEFAULT_REMOTE_NAME)
                .setRefSpecs(new RefSpec(ref + ":" + ref))).call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() != RemoteRefUpdate.Status.OK
                        && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    return StepResult.errored(name() + ": the server refused tag " + config.tag() + ": "
                            + update.getStatus() + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")")
                            + (update.getStatus() == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                            ? "; the remote has another tag of that name" : ""));
                }
            }
        }
        ObjectId head = repo.resolve(Constants.HEAD);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("commit", head == null ? "" : head.name());
        String current = repo.getFullBranch();
        if (current != null && current.startsWith(Constants.R_HEADS)) {
            output.put("branch", current.substring(Constants.R_HEADS.length()));
        }
        context.log().info(name() + ": " + config.path() + ": pushed tag " + config.tag());
        return StepResult.succeeded(output, "pushed tag " + config.tag());
    }

    static String targetBranch(Config config, StepContext context, Repository repo) throws IOException {
        if (config.generateTargetBranch()) {
            return "kargo/promotion/" + context.promotion();
        }
        if (config.targetBranch() != null && !config.targetBranch().isEmpty()) {
            return config.targetBranch();
        }
        String current = repo.getFullBranch();
        if (current == null || !current.startsWith(Constants.R_HEADS)) {
            throw new IllegalStateException(
                    "HEAD is not on a branch (a commit or tag was checked out); set 'targetBranch'");
        }
        return current.substring(Constants.R_HEADS.length());
    }

    private Pushed pushWithRetries(Git git, RemoteAccess access, String branch, Config config)
            throws RemoteMoved, Rebase.ConflictException, IOException, GitAPIException {
        // The first retry follows at once (the fetch is the wait); later ones back off, with jitter, because only a
        // pusher outside this engine can have moved the branch again.
        Retry retry = Retry.of(name(), RetryConfig.custom()
                .maxAttempts(config.attempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(1), 8, 0.5, Duration.ofSeconds(10)))
                .retryExceptions(RemoteMoved.class)
                .build());
        int[] attempt = {0};
        int[] dropped = {0};
        boolean force = config.generateTargetBranch() || config.force();
        if (!force) {
            dropped[0] += catchUp(git.getRepository(), branch);
        }
        try {
            return Retry.decorateCheckedSupplier(retry, () -> {
                if (attempt[0]++ > 0) {
                    dropped[0] += integrate(git, access, branch);
                }
                Pushed pushed = push(git, access, branch, force, dropped[0]);
                RepositoryCache.recordPush(git.getRepository(), branch, pushed.commit());
                return pushed;
            }).get();
        } catch (RemoteMoved | Rebase.ConflictException | IOException | GitAPIException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Rebases HEAD onto the branch as the cached clone last saw it (another promotion of this engine may just have
     * pushed it), so that the push usually succeeds at the first attempt without a fetch. Returns how many local
     * commits the branch already had.
     */
    private static int catchUp(Repository repo, String branch) throws IOException, Rebase.ConflictException {
        Optional<ObjectId> known = RepositoryCache.cachedHead(repo, branch);
        ObjectId head = repo.resolve(Constants.HEAD);
        if (known.isEmpty() || head == null || !repo.getObjectDatabase().has(known.get())) {
            return 0;
        }
        if (isAncestor(repo, known.get(), head)) {
            return 0;
        }
        return Rebase.onto(repo, known.get()).dropped();
    }

    /**
     * Whether {@code ancestor} is reachable from {@code commit}: nothing is left when walking from it with
     * {@code commit}'s history excluded. Unlike {@link RevWalk#isMergedInto}, which walks all of {@code commit}'s
     * history when the answer is no, this stops where the two histories meet.
     */
    private static boolean isAncestor(Repository repo, ObjectId ancestor, ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(ancestor));
            walk.markUninteresting(walk.parseCommit(commit));
            return walk.next() == null;
        }
    }

    /** Fetches the branch and rebases HEAD onto it; returns how many local commits the branch already had. */
    private static int integrate(Git git, RemoteAccess access, String branch)
            throws GitAPIException, IOException, Rebase.ConflictException {
        String tracking = Constants.R_REMOTES + Constants.DEFAULT_REMOTE_NAME + "/" + branch;
        access.applyTo(git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME)
                .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + tracking))).call();
        Ref upstream = git.getRepository().exactRef(tracking);
        if (upstream == null) {
            return 0; // deleted meanwhile: the next push creates it
        }
        return Rebase.onto(git.getRepository(), upstream.getObjectId()).dropped();
    }

    private static Pushed push(Git git, RemoteAccess access, String branch, boolean force, int dropped)
            throws GitAPIException, IOException, RemoteMoved {
        ObjectId head = git.getRepository().resolve(Constants.HEAD);
        if (head == null) {
            throw new IllegalStateException("the working tree has no commit to push; commit first");
        }
        RefSpec spec = new RefSpec(head.name() + ":" + Constants.R_HEADS + branch).setForceUpdate(force);
        for (PushResult result : access.applyTo(git.push().setRemote(Constants.DEFAULT_REMOTE_NAME).setRefSpecs(spec)).call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                switch (update.getStatus()) {
                    case OK:
                        return new Pushed(head, true, dropped);
                    case UP_TO_DATE:
                        return new Pushed(head, false, dropped);
                    case REJECTED_NONFASTFORWARD:
                    case REJECTED_REMOTE_CHANGED:
                        throw new RemoteMoved();
                    default:
                        throw new IOException("the server refused the push to " + branch + ": " + update.getStatus()
                                + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                }
            }
        }
        throw new IOException("the push to " + branch + " returned no result");
    }
}
