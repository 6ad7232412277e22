package io.jenkins.plugins.kargo.promotion.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The {@code ignore} field of {@code copy}, {@code tar} and {@code untar}: lines of {@code .gitignore} syntax
 * (comments and blank lines skipped, negation, directory-only patterns, {@code **}), matched by JGit, with
 * {@code .git} always ignored.
 */
final class IgnoreRules {

    private final IgnoreNode rules = new IgnoreNode();

    IgnoreRules(String ignore) {
        String text = ".git\n" + (ignore == null ? "" : ignore);
        try {
            rules.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from memory
        }
    }

    /**
     * Whether the path, or a directory it is in, is ignored (as git, which never looks inside an ignored directory).
     *
     * @param relative a path with {@code /} separators, relative to where the rules apply
     */
    boolean ignores(String relative, boolean directory) {
        for (int slash = relative.indexOf('/'); slash > 0; slash = relative.indexOf('/', slash + 1)) {
            if (Boolean.TRUE.equals(rules.checkIgnored(relative.substring(0, slash), true))) {
                return true;
            }
        }
        return Boolean.TRUE.equals(rules.checkIgnored(relative, directory));
    }
}
