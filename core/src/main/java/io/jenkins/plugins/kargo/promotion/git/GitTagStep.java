package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.RefAlreadyExistsException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Kargo's {@code git-tag} ({@code git_tagger.go}): makes the annotated tag {@code tag} with {@code message} on the
 * working tree's HEAD, as {@code git tag -a}; an existing tag of that name is replaced only with
 * {@code force: true}. The tagger is the working tree's author ({@code git-clone}'s {@code author}, else Kargo's).
 * {@code git-push} with {@code tag} sends it. Output {@code commit}: the commit tagged.
 */
public final class GitTagStep implements PromotionStepRunner {

    public static final String NAME = "git-tag";

    /** The step's {@code config}. */
    record Config(String path, String tag, String message, boolean force) {
        Config {
            require(present(path), "path", "is required", "give the working tree a git-clone checked out");
            require(present(tag), "tag", "is required", "give the tag's name");
            require(present(message), "message", "is required", "an annotated tag has a message");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) {
        Config config;
        Path directory;
        try {
            config = StepConfig.bind(NAME, rawConfig, Config.class);
            directory = WorkDirPath.locate(context.workDir(), "config.path", config.path());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        }
        try (Repository repo = RepositoryCache.openWorkTree(directory); Git git = Git.wrap(repo);
             RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                return StepResult.errored(NAME + ": " + config.path() + " has no commit to tag; commit first");
            }
            if (!Repository.isValidRefName(Constants.R_TAGS + config.tag())) {
                return StepResult.errored(NAME + ": config.tag is '" + config.tag() + "', not a valid tag name");
            }
            git.tag().setName(config.tag()).setAnnotated(true).setMessage(config.message())
                    .setTagger(Author.of(repo.getConfig()).ident()).setObjectId(walk.parseCommit(head))
                    .setForceUpdate(config.force()).call();
            String shortId = head.abbreviate(7).name();
            context.log().info(NAME + ": " + config.path() + ": tagged " + shortId + " " + config.tag());
            return StepResult.succeeded(Map.of("commit", head.name()), "tagged " + shortId + " as " + config.tag());
        } catch (RefAlreadyExistsException e) {
            return StepResult.errored(NAME + ": tag " + config.tag() + " already exists in " + config.path()
                    + "; choose another name or set force: true");
        } catch (RepositoryNotFoundException e) {
            return StepResult.errored(NAME + ": path '" + config.path()
                    + "' is not a git working tree; check it out with git-clone first");
        } catch (IOException | GitAPIException | JGitInternalException e) {
            return StepResult.errored(NAME + ": could not tag in " + config.path() + ": " + e.getMessage());
        }
    }
}
