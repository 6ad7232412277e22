package io.jenkins.plugins.kargo.promotion.files;

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
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Kargo's {@code copy} ({@code file_copier.go}): copies the file or directory {@code inPath} to {@code outPath}. A
 * directory's content is merged into {@code outPath} (files there are overwritten, others kept); a file becomes the
 * file {@code outPath}. {@code .git} is never copied, nor what {@code ignore} names (lines of {@code .gitignore}
 * syntax, relative to {@code inPath}, or to its directory when it is a file; JGit matches them); symbolic links are
 * skipped, as Kargo skips them. No output.
 */
public final class CopyStep implements PromotionStepRunner {

    public static final String NAME = "copy";

    /** The step's {@code config}. */
    record Config(String inPath, String outPath, String ignore) {
        Config {
            require(present(inPath), "inPath", "is required", "give the file or directory to copy");
            require(present(outPath), "outPath", "is required", "give where to copy it to");
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
            Path in = WorkDirPath.resolve(context.workDir(), "config.inPath", config.inPath());
            Path out = WorkDirPath.resolve(context.workDir(), "config.outPath", config.outPath());
            if (!Files.exists(in, LinkOption.NOFOLLOW_LINKS)) {
                throw StepConfig.error("config.inPath", "is '" + config.inPath() + "', which does not exist", "");
            }
            if (Files.isDirectory(in, LinkOption.NOFOLLOW_LINKS) && out.startsWith(in) && !out.equals(in)) {
                throw StepConfig.error("config.outPath", "is '" + config.outPath() + "', inside the directory it copies",
                        "copy it elsewhere");
            }
            IgnoreRules ignore = new IgnoreRules(config.ignore());
            int copied = Files.isDirectory(in, LinkOption.NOFOLLOW_LINKS) ? copyTree(in, out, ignore)
                    : copyFile(in, out, ignore);
            return StepResult.succeeded(Map.of(), "copied " + copied + " file(s) from " + config.inPath() + " to "
                    + config.outPath());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": could not copy: " + e.getMessage());
        }
    }

    private static int copyFile(Path in, Path out, IgnoreRules ignore) throws IOException {
        if (Files.isSymbolicLink(in) || ignore.ignores(in.getFileName().toString(), false)) {
            return 0;
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return 1;
    }

    private static int copyTree(Path in, Path out, IgnoreRules ignore) throws IOException {
        int[] copied = {0};
        Files.walkFileTree(in, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String relative = relative(in, dir);
                if (!relative.isEmpty() && ignore.ignores(relative, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(out.resolve(in.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !ignore.ignores(relative(in, file), false)) {
                    Files.copy(file, out.resolve(in.relativize(file).toString()),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    copied[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return copied[0];
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
