package io.jenkins.plugins.kargo.promotion.git;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.EmptyCommitException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Kargo's {@code git-commit}: commits every change of a working tree (new, modified and deleted files) as one
 * commit. When nothing changed it makes no commit and ends {@link StepStatus#Skipped}, as Kargo does. Output
 * {@code commit}: the working tree's HEAD afterwards.
 */
public final class GitCommitStep implements PromotionStepRunner {

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
            directory = WorkDirPath.resolve(context.workDir(), "config.path", config.path());
        } catch (StepException e) {
            return StepResult.errored(name() + ": " + e.getMessage());
        }
        try (Git git = Git.open(directory.toFile())) {
            git.add().addFilepattern(".").setAll(true).call();
            Author author = config.author() != null ? config.author() : Author.of(git.getRepository().getConfig());
            PersonIdent ident = author.ident();
            try {
                RevCommit commit = git.commit().setMessage(config.message()).setAuthor(ident).setCommitter(ident)
                        .setAllowEmpty(false).setNoVerify(true).call();
                context.log().info(name() + ": " + config.path() + ": committed " + commit.abbreviate(7).name());
                return StepResult.succeeded(Map.of("commit", commit.name()), "committed " + commit.abbreviate(7).name());
            } catch (EmptyCommitException e) {
                ObjectId head = git.getRepository().resolve(Constants.HEAD);
                String sha = head == null ? "" : head.name();
                return new StepResult(StepStatus.Skipped, Map.of("commit", sha),
                        "nothing to commit: " + config.path() + " has no changes, HEAD stays at " + sha);
            }
        } catch (RepositoryNotFoundException e) {
            return StepResult.errored(name() + ": path '" + config.path() + "' is not a git working tree; check it out with git-clone first");
        } catch (IOException | GitAPIException | JGitInternalException e) {
            return StepResult.errored(name() + ": could not commit in " + config.path() + ": " + e.getMessage());
        }
    }
}
