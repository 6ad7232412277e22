package io.jenkins.plugins.kargo.promotion.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.git.LazyCheckout;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.StepStatus;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Kargo's {@code git-commit}: commits every change of a working tree (new, modified and deleted files) as one
 * commit. When nothing changed it makes no commit and ends {@link StepStatus#Skipped}, as Kargo does. Output
 * {@code commit}: the working tree's HEAD afterwards.
 *
 * <p>The commit is made in the object database: the files on disk (in a {@link LazyCheckout}, only those written or
 * created) are recorded on top of the index, and only the trees above them are written anew.
 */
public final class GitCommitStep implements PromotionStepRunner {

    /** git's empty tree, the tree "before" the first commit of a branch started empty. */
    private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /** {@code author} overrides the working tree's default author for this commit. */
    public record Config(String path, String message, Author author) {
        public Config {
            StepConfig.require(StepConfig.present(path), "path", "is required", "give the working tree a git-clone checked out");
            StepConfig.require(message != null && !message.isBlank(), "message", "is required", "give the commit message");
        }
    }

    @Override
    public String name() {
        return "git-commit";
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) {
        Config config;
        Path directory;
        try {
            config = StepConfig.bind(name(), rawConfig, Config.class);
            directory = WorkDirPath.locate(context.workDir(), "config.path", config.path());
        } catch (StepException e) {
            return StepResult.errored(name() + ": " + e.getMessage());
        }
        try (Repository repo = RepositoryCache.openWorkTree(directory);
             ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve(Constants.HEAD);
            ObjectId tree = LazyCheckout.writeTree(repo);
            ObjectId before = head == null ? ObjectId.fromString(EMPTY_TREE) : walk.parseCommit(head).getTree();
            if (tree.equals(before)) {
                String sha = head == null ? "" : head.name();
                return new StepResult(StepStatus.Skipped, Map.of("commit", sha),
                        "nothing to commit: " + config.path() + " has no changes, HEAD stays at " + sha);
            }
            PersonIdent ident = (config.author() != null ? config.author() : Author.of(repo.getConfig())).ident();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (head != null) {
                commit.setParentId(head);
            }
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage(config.message());
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.HEAD);
            update.setExpectedOldObjectId(head == null ? ObjectId.zeroId() : head);
            update.setNewObjectId(id);
            update.setRefLogMessage("commit: " + commit.getMessage().lines().findFirst().orElse(""), false);
            RefUpdate.Result result = update.update(walk);
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                return StepResult.errored(name() + ": could not move HEAD of " + config.path() + " to the new commit: " + result);
            }
            String shortId = id.abbreviate(7).name();
            context.log().info(name() + ": " + config.path() + ": committed " + shortId);
            return StepResult.succeeded(Map.of("commit", id.name()), "committed " + shortId);
        } catch (RepositoryNotFoundException e) {
            return StepResult.errored(name() + ": path '" + config.path() + "' is not a git working tree; check it out with git-clone first");
        } catch (IOException | JGitInternalException e) {
            return StepResult.errored(name() + ": could not commit in " + config.path() + ": " + e.getMessage());
        }
    }
}
