package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.git.LazyCheckout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a path from step configuration inside the promotion's working directory. A path that is absolute, climbs
 * out with {@code ..}, or leaves through a symbolic link (a cloned repository may contain one) is refused, so a
 * promotion can only touch its own files.
 *
 * <p>A {@code git-clone} checkout writes its files only when a step asks for them ({@link LazyCheckout}): resolving a
 * path in it writes that file, or every file under that directory, so a step finds on disk exactly what it names.
 */
public final class WorkDirPath {

    private WorkDirPath() {
    }

    /**
     * @param field the configuration field the value came from, named in the refusal (e.g. {@code config.checkout[0].path})
     * @throws StepException naming the field, the value and the fix, in {@link StepConfig}'s words
     */
    public static Path resolve(Path workDir, String field, String value) throws StepException {
        Path root = workDir.toAbsolutePath().normalize();
        Path resolved = inside(root, field, value);
        try {
            LazyCheckout.materialize(root, resolved);
        } catch (IOException e) {
            throw StepConfig.error(field, "is '" + value + "', which could not be written from its git checkout ("
                    + e.getMessage() + ")", "");
        }
        return withoutLinksOut(root, resolved, field, value);
    }

    /**
     * As {@link #resolve}, without writing any file of a checkout: for steps that work on the checkout as a
     * repository ({@code git-commit}, {@code git-push}) rather than on its files.
     */
    public static Path locate(Path workDir, String field, String value) throws StepException {
        Path root = workDir.toAbsolutePath().normalize();
        return withoutLinksOut(root, inside(root, field, value), field, value);
    }

    private static Path inside(Path root, String field, String value) throws StepException {
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
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw StepConfig.error(field, "is '" + value + "', which leaves the promotion's working directory",
                    "remove the '..'");
        }
        return resolved;
    }

    private static Path withoutLinksOut(Path root, Path resolved, String field, String value) throws StepException {
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
