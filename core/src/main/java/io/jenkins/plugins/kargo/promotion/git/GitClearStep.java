package io.jenkins.plugins.kargo.promotion.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.FileTrees;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;

/**
 * Kargo's {@code git-clear} ({@code git_tree_clearer.go}): removes every file of a working tree but its {@code .git},
 * so that the next steps write the branch's whole content anew (the rendered-manifests pattern: {@code git-clear},
 * then {@code kustomize-build} into it, then {@code git-commit}, which records the deletions too).
 */
public final class GitClearStep implements PromotionStepRunner {

    public static final String NAME = "git-clear";

    /** The step's {@code config}. */
    record Config(String path) {
        Config {
            StepConfig.require(StepConfig.present(path), "path", "is required",
                    "give the working tree a git-clone checked out");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) {
        try {
            Config config = StepConfig.bind(NAME, rawConfig, Config.class);
            // written out first where the checkout is lazy, so the commit sees each file as deleted
            Path tree = WorkDirPath.resolve(context.workDir(), "config.path", config.path());
            if (!Files.isDirectory(tree.resolve(Constants.DOT_GIT))) {
                throw StepConfig.error("config.path", "is '" + config.path() + "', which is not a git working tree",
                        "give the path a git-clone checked out");
            }
            int removed = 0;
            try (Stream<Path> top = Files.list(tree)) {
                for (Path entry : top.filter(p -> !p.getFileName().toString().equals(Constants.DOT_GIT)).toList()) {
                    removed += FileTrees.delete(entry);
                }
            }
            return StepResult.succeeded(Map.of(), "removed " + removed + " file(s) from " + config.path());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": could not clear the working tree: " + e.getMessage());
        }
    }
}
