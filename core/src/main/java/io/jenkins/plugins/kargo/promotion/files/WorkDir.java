package io.jenkins.plugins.kargo.promotion.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A step's working directory and the only place its relative paths may lead. A path from step configuration is
 * refused when it is absolute, climbs out with {@code ..}, or reaches outside through a symbolic link (checked on
 * the real path of the deepest part that exists, so a link to {@code /etc} is caught before anything is read).
 */
public record WorkDir(Path root) {

    public WorkDir {
        try {
            root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("the step's working directory " + root + " does not exist", e);
        }
    }

    /**
     * The real location of {@code relative}, which need not exist yet.
     *
     * @param field the configuration field that gave the path, for the error message
     */
    public Path resolve(String relative, String field) throws StepException {
        Path given;
        try {
            given = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new StepException(field + " '" + relative + "' is not a valid path: " + e.getReason());
        }
        if (given.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new StepException(field + " '" + relative + "' is absolute; write a path relative to the "
                    + "promotion's working directory (e.g. ./repo/overlays/dev)");
        }
        Path lexical = root.resolve(given).normalize();
        if (!lexical.startsWith(root)) {
            throw new StepException(field + " '" + relative + "' leads outside the promotion's working directory; "
                    + "remove the '..' parts");
        }
        Path real = realPathOfExistingPart(lexical);
        if (!real.startsWith(root)) {
            throw new StepException(field + " '" + relative + "' leads outside the promotion's working directory "
                    + "through a symbolic link; links may only point inside it");
        }
        return real;
    }

    /** The path as a user would write it, relative to the working directory, for messages. */
    public String display(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private Path realPathOfExistingPart(Path path) throws StepException {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException e) {
            // a dangling link: where it points is unknown, so it cannot be shown to stay inside
            throw new StepException("'" + display(existing) + "' is a symbolic link to a missing target");
        }
    }
}
