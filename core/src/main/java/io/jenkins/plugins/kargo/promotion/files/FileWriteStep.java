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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Kargo's {@code file-write} ({@code file_writer.go}): writes {@code contents} to the file {@code path}, making its
 * directories. An existing file is replaced only with {@code overwrite: true} (else the step Fails, as Kargo's);
 * {@code permissions} is an octal mode, 0600 by default, never executable or world-writable; nothing is written
 * into a {@code .git} directory. No output.
 */
public final class FileWriteStep implements PromotionStepRunner {

    public static final String NAME = "file-write";

    /** The step's {@code config}. */
    record Config(String path, String contents, String permissions, boolean overwrite) {
        Config {
            require(present(path), "path", "is required", "give the file to write");
            require(contents != null, "contents", "is required", "give the text to write (it may be empty)");
            permissions = present(permissions) ? permissions : "0600";
            require(permissions.matches("0[0-7]{3}"), "permissions", "is '" + permissions + "'",
                    "give an octal mode such as 0644");
            int mode = Integer.parseInt(permissions, 8);
            require((mode & 0111) == 0, "permissions", "is " + permissions + ", which makes the file executable",
                    "leave out the executable bits");
            require((mode & 0002) == 0, "permissions", "is " + permissions + ", which makes the file world-writable",
                    "leave out the others' write bit");
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
            Path file = WorkDirPath.resolve(context.workDir(), "config.path", config.path());
            Path relative = context.workDir().toAbsolutePath().normalize().relativize(file);
            for (Path part : relative) {
                if (part.toString().equals(".git")) {
                    throw StepConfig.error("config.path", "is '" + config.path() + "', inside a .git directory",
                            "write to the working tree instead");
                }
            }
            if (Files.isSymbolicLink(file)) {
                throw StepConfig.error("config.path", "is '" + config.path() + "', a symbolic link",
                        "write to a plain file");
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !config.overwrite()) {
                return StepResult.failed(NAME + ": file '" + config.path()
                        + "' already exists; set overwrite: true to replace it");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, config.contents(), StandardCharsets.UTF_8);
            FileModes.set(file, Integer.parseInt(config.permissions(), 8));
            return StepResult.succeeded(Map.of(), "wrote " + config.path());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": could not write: " + e.getMessage());
        }
    }
}
