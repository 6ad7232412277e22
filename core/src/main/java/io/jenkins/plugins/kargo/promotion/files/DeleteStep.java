package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.FileTrees;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Kargo's {@code delete} ({@code file_deleter.go}): deletes files and directories, {@code path} or {@code paths}
 * (exactly one of them). With {@code pathsAreGlobs: true} each is a glob relative to the working directory
 * ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}} within a path segment, {@code **} across them, {@code **}/
 * matching no directory too, as Kargo's doublestar); with {@code strict: true} a path that does not exist, or a
 * glob that matches nothing, Errors the step instead of being skipped. A symbolic link is deleted as a link. No
 * output.
 */
public final class DeleteStep implements PromotionStepRunner {

    public static final String NAME = "delete";

    /** The step's {@code config}. */
    record Config(String path, List<String> paths, boolean pathsAreGlobs, boolean strict) {
        Config {
            paths = StepConfig.listOrEmpty(paths);
            require(present(path) != !paths.isEmpty(), "", present(path) ? "sets both path and paths"
                    : "sets neither path nor paths", "set one of them");
            require(paths.stream().allMatch(StepConfig::present), "paths", "has an empty entry", "remove it");
        }

        List<String> all() {
            return present(path) ? List.of(path) : paths;
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
            Set<Path> targets = new LinkedHashSet<>();
            for (int i = 0; i < config.all().size(); i++) {
                String field = present(config.path()) ? "config.path" : "config.paths[" + i + "]";
                String value = config.all().get(i);
                List<Path> found = config.pathsAreGlobs() ? glob(context.workDir(), field, value)
                        : literal(context.workDir(), field, value);
                if (found.isEmpty() && config.strict()) {
                    throw StepConfig.error(field, "is '" + value + "', which " + (config.pathsAreGlobs()
                            ? "matches nothing" : "does not exist"), "or leave strict out to skip it");
                }
                targets.addAll(found);
            }
            int deleted = 0;
            for (Path target : targets) {
                deleted += FileTrees.delete(target);
            }
            return StepResult.succeeded(Map.of(), "deleted " + deleted + " file(s)");
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": could not delete: " + e.getMessage());
        }
    }

    private static List<Path> literal(Path workDir, String field, String value) throws StepException {
        Path path = WorkDirPath.resolve(workDir, field, value);
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? List.of(path) : List.of();
    }

    /** The files and directories under the working directory whose relative path the glob matches. */
    private static List<Path> glob(Path workDir, String field, String pattern) throws StepException, IOException {
        String glob = pattern.startsWith("./") ? pattern.substring(2) : pattern;
        PathMatcher matcher;
        try {
            // doublestar's "**/" also matches no directory at all; Java's glob needs a group for that
            matcher = FileSystems.getDefault().getPathMatcher("glob:"
                    + (glob.contains("{") ? glob : glob.replace("**/", "{**/,}")));
        } catch (IllegalArgumentException e) {
            throw StepConfig.error(field, "is '" + pattern + "', not a valid glob (" + e.getMessage() + ")", "");
        }
        // only the part before the first wildcard is searched (and written out of a lazy git checkout)
        Path base = WorkDirPath.resolve(workDir, field, literalPrefix(glob));
        Path root = workDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            walk.filter(p -> !p.equals(root) && matcher.matches(root.relativize(p))).forEach(found::add);
        }
        return found;
    }

    /** The directories of a glob before its first wildcard ({@code "."} for none). */
    private static String literalPrefix(String glob) {
        String[] segments = glob.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length - 1 && !segments[i].matches(".*[*?\\[{].*"); i++) {
            prefix.append(prefix.isEmpty() ? "" : "/").append(segments[i]);
        }
        return prefix.isEmpty() ? "." : prefix.toString();
    }
}
