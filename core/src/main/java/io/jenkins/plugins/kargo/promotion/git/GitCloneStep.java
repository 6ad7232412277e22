package io.jenkins.plugins.kargo.promotion.git;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Kargo's {@code git-clone}: checks out branches, commits or tags of one repository into directories of the
 * promotion's working directory, through the {@link RepositoryCache}. Output {@code commits}: the commit checked
 * out per checkout, keyed by its {@code as}, else its {@code path}.
 */
public final class GitCloneStep implements PromotionStepRunner {

    /** {@code author} sets the default author of the working trees' commits. */
    /**
     * {@code blobless} is accepted and changes nothing: it only makes Kargo's own clone smaller, and here every
     * promotion shares one cached clone whose working trees write only the files steps name.
     */
    public record Config(String repoURL, boolean insecureSkipTLSVerify, Author author, List<Checkout> checkout,
                         boolean blobless) {
        public Config {
            StepConfig.require(repoURL != null && !repoURL.isBlank(), "repoURL", "is required", "name the repository to clone");
            StepConfig.require(checkout != null && !checkout.isEmpty(), "checkout", "is required",
                    "list at least one entry, e.g. [{branch: main, path: ./out}]");
            checkout = List.copyOf(checkout);
        }
    }

    /** At most one of {@code branch}, {@code commit} and {@code tag}; none means the default branch. */
    public record Checkout(String branch, String commit, String tag, boolean create, String path, String as) {
        public Checkout {
            int given = (present(branch) ? 1 : 0) + (present(commit) ? 1 : 0) + (present(tag) ? 1 : 0);
            StepConfig.require(given <= 1, "", "sets more than one of branch, commit and tag", "set only one");
            StepConfig.require(!create || present(branch), "create", "needs a branch to create", "set branch");
            StepConfig.require(present(path), "path", "is required", "give the directory to check out into");
        }

        Revision revision() {
            if (present(branch)) {
                return new Revision.Branch(branch, create);
            }
            if (present(commit)) {
                return new Revision.Commit(commit);
            }
            return present(tag) ? new Revision.Tag(tag) : new Revision.DefaultBranch();
        }
    }

    private final RepositoryCache cache;

    public GitCloneStep(RepositoryCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "git-clone";
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) throws InterruptedException {
        Config config;
        List<Path> directories = new ArrayList<>();
        try {
            config = StepConfig.bind(name(), rawConfig, Config.class);
            for (int i = 0; i < config.checkout().size(); i++) {
                directories.add(WorkDirPath.locate(context.workDir(), "config.checkout[" + i + "].path",
                        config.checkout().get(i).path()));
            }
        } catch (StepException e) {
            return StepResult.errored(name() + ": " + e.getMessage());
        }
        RemoteAccess access;
        try {
            access = RemoteAccess.lookup(context.credentials(), config.repoURL(), config.insecureSkipTLSVerify());
        } catch (IllegalArgumentException e) {
            return StepResult.errored(name() + ": " + e.getMessage());
        }
        Map<String, Object> commits = new LinkedHashMap<>();
        List<String> done = new ArrayList<>();
        for (int i = 0; i < directories.size(); i++) {
            Checkout checkout = config.checkout().get(i);
            try {
                RepositoryCache.Checkout result = cache.checkout(config.repoURL(), access, directories.get(i), checkout.revision());
                if (config.author() != null) {
                    try (Git git = Git.open(directories.get(i).toFile())) {
                        StoredConfig repoConfig = git.getRepository().getConfig();
                        config.author().writeTo(repoConfig);
                        repoConfig.save();
                    }
                }
                String key = checkout.as() != null && !checkout.as().isEmpty() ? checkout.as() : checkout.path();
                commits.put(key, result.head().map(ObjectId::name).orElse(""));
                done.add(checkout.path() + " at " + result.head().map(id -> id.abbreviate(7).name())
                        .orElse("a new empty branch") + " (" + describe(result.refresh()) + ")");
            } catch (IllegalArgumentException e) {
                return StepResult.errored(name() + ": checkout[" + i + "]: " + e.getMessage());
            } catch (IOException | GitAPIException | JGitInternalException e) {
                return StepResult.errored(name() + ": " + e.getMessage());
            }
        }
        context.log().info(name() + ": " + config.repoURL() + ": " + String.join("; ", done));
        return StepResult.succeeded(Map.of("commits", commits), "checked out " + String.join("; ", done));
    }

    private static String describe(RepositoryCache.Refresh refresh) {
        return switch (refresh) {
            case CLONED -> "cloned into the cache";
            case FETCHED -> "fetched into the cache";
            case SHARED -> "cache fetched by a concurrent promotion";
        };
    }
}
