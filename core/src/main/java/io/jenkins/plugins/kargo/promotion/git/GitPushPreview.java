package io.jenkins.plugins.kargo.promotion.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;

/**
 * {@code git-push} in a preview: pushes nothing, and says what a push would change instead: the unified diff between
 * the branch as the clone cache last saw it (the preview's {@code git-clone} has just fetched it) and the working
 * tree's HEAD. Outputs {@code commit} and {@code branch} as {@link GitPushStep} does, so later steps read what they
 * would, and {@code repoURL} (without credentials), {@code paths} and {@code diff} (at most {@value #MAX_DIFF} bytes).
 */
public final class GitPushPreview implements PromotionStepRunner {

    /** A diff longer than this is cut, with a note: the preview is read by a person. */
    static final int MAX_DIFF = 256 * 1024;

    @Override
    public String name() {
        return "git-push";
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) {
        GitPushStep.Config config;
        Path directory;
        try {
            config = StepConfig.bind(name(), rawConfig, GitPushStep.Config.class);
            directory = WorkDirPath.locate(context.workDir(), "config.path", config.path());
        } catch (StepException e) {
            return StepResult.errored(name() + ": " + e.getMessage());
        }
        try (Repository repo = RepositoryCache.openWorkTree(directory)) {
            String url = repo.getConfig().getString("remote", Constants.DEFAULT_REMOTE_NAME, "url");
            if (url == null) {
                return StepResult.errored(name() + ": " + config.path() + " has no origin remote; check it out with git-clone");
            }
            if (StepConfig.present(config.tag())) { // a tag is pushed as it is: there is no branch to compare with
                return StepResult.succeeded(Map.of("repoURL", RepositoryCache.withoutCredentials(url)),
                        "preview: would push tag " + config.tag() + "; nothing was pushed");
            }
            String branch = GitPushStep.targetBranch(config, context, repo);
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                return StepResult.errored(name() + ": the working tree has no commit to push; commit first");
            }
            Optional<ObjectId> base = config.generateTargetBranch() ? Optional.empty()
                    : RepositoryCache.cachedHead(repo, branch);
            List<String> paths = new ArrayList<>();
            String diff = diff(repo, base, head, paths);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("commit", head.name());
            output.put("branch", branch);
            output.put("repoURL", RepositoryCache.withoutCredentials(url));
            output.put("paths", List.copyOf(paths));
            output.put("diff", diff);
            return StepResult.succeeded(output, paths.isEmpty()
                    ? "preview: nothing to push, " + branch + " already has these files"
                    : "preview: would push " + head.abbreviate(7).name() + " to " + branch + " (" + paths.size()
                    + " file(s) changed); nothing was pushed");
        } catch (RepositoryNotFoundException e) {
            return StepResult.errored(name() + ": path '" + config.path() + "' is not a git working tree; check it out with git-clone first");
        } catch (IllegalStateException | IOException e) {
            return StepResult.errored(name() + ": could not compare " + config.path() + " with its branch: "
                    + RepositoryCache.innermostMessage(e));
        }
    }

    /** The unified diff from {@code base} (nothing: a new branch) to {@code head}; fills {@code paths}. */
    private static String diff(Repository repo, Optional<ObjectId> base, ObjectId head, List<String> paths)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
             DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repo);
            AbstractTreeIterator from = base.isEmpty() ? new EmptyTreeIterator()
                    : new CanonicalTreeParser(null, reader, walk.parseCommit(base.get()).getTree());
            CanonicalTreeParser to = new CanonicalTreeParser(null, reader, walk.parseCommit(head).getTree());
            List<DiffEntry> entries = formatter.scan(from, to);
            for (DiffEntry entry : entries) {
                paths.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath());
            }
            for (DiffEntry entry : entries) {
                if (out.size() > MAX_DIFF) {
                    break;
                }
                formatter.format(entry);
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return text.length() <= MAX_DIFF ? text
                : text.substring(0, MAX_DIFF) + "\n... (cut at " + MAX_DIFF / 1024 + " KiB)\n";
    }
}
