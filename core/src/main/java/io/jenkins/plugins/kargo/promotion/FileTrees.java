package io.jenkins.plugins.kargo.promotion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing files from a promotion's working directory, as the steps that delete do. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes a file, link or directory tree; links are deleted as links, never followed; an entry already gone is
     * skipped.
     *
     * @return the files (not directories) removed
     */
    public static int delete(Path entry) throws IOException {
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(entry);
            return 1;
        }
        int files = 0;
        try (Stream<Path> walk = Files.walk(entry)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    files++;
                }
                try {
                    Files.delete(p);
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        }
        return files;
    }
}
