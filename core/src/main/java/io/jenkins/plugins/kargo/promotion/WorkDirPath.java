package io.jenkins.plugins.kargo.promotion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a path from step configuration inside the promotion's working directory. A path that is absolute, climbs
 * out with {@code ..}, or leaves through a symbolic link (a cloned repository may contain one) is refused, so a
 * promotion can only touch its own files.
 */
public final class WorkDirPath {

    private WorkDirPath() {
    }

    /**
     * @param field the configuration field the value came from, named in the refusal (e.g. {@code config.checkout[0].path})
     * @throws StepException naming the field, the value and the fix, in {@link StepConfig}'s words
     */
    public static Path resolve(Path workDir, String field, String value) throws StepException {
        if (value == null || value.isBlank()) {
            throw StepConfig.error(field, "is required", "give a path relative to the promotion's working directory");
        }
        Path relative;
        try {
            relative = Path.of(value);
        } catch (InvalidPathException e) {
            throw StepConfig.error(field, "is '" + value + "', not a valid path (" + e.getReason() + ")", "");
        }
        if (relative.isAbsolute() || value.startsWith("/") || value.startsWith("\\")) {
            throw StepConfig.error(field, "is '" + value + "', which is absolute",
                    "use a path relative to the promotion's working directory");
        }
        Path root = workDir.toAbsolutePath().normalize();
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw StepConfig.error(field, "is '" + value + "', which leaves the promotion's working directory",
                    "remove the '..'");
        }
        if (!realAncestorInside(root, resolved)) {
            throw StepConfig.error(field, "is '" + value + "', which leads out of the promotion's working directory"
                    + " through a symbolic link", "");
        }
        return resolved;
    }

    /** Whether the nearest existing ancestor of {@code path}, with links followed, is still inside {@code root}. */
    private static boolean realAncestorInside(Path root, Path path) {
        try {
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            for (Path p = path; p != null && p.startsWith(root); p = p.getParent()) {
                if (Files.exists(p)) {
                    return p.toRealPath().startsWith(realRoot);
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
