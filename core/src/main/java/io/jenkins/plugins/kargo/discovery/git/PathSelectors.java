package io.jenkins.plugins.kargo.discovery.git;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * A git subscription's {@code includePaths} and {@code excludePaths}, with Kargo's meaning
 * ({@code pkg/pattern/matcher.go}, {@code pkg/controller/git/commit/base_selector.go}): a commit qualifies when at
 * least one path it changes is included (every path is, when there are no include selectors) and not excluded.
 *
 * <p>A selector is {@code regex:} (or {@code regexp:}) followed by an RE2 pattern that matches anywhere in the path;
 * {@code glob:} followed by a glob, where {@code *} stays within one directory and {@code **} crosses directories
 * (Java's glob syntax; as in Kargo's doublestar globs, a leading {@code **}{@code /} also matches at the top); or
 * a plain path, which selects that file or everything under that directory ({@code charts} selects
 * {@code charts/app/values.yaml} but not {@code charts-old/x}). Paths are relative to the repository root with
 * {@code /} separators.
 */
final class PathSelectors {

    private static final PathSelectors ALL = new PathSelectors(List.of(), List.of());

    private final List<Predicate<String>> include;
    private final List<Predicate<String>> exclude;

    private PathSelectors(List<Predicate<String>> include, List<Predicate<String>> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * @throws IllegalArgumentException naming a selector that is not a valid regex or glob
     */
    static PathSelectors of(List<String> include, List<String> exclude) {
        if (include.isEmpty() && exclude.isEmpty()) {
            return ALL;
        }
        return new PathSelectors(include.stream().map(PathSelectors::selector).toList(),
                exclude.stream().map(PathSelectors::selector).toList());
    }

    /** Whether every commit qualifies, so that no commit's changes need to be read. */
    boolean selectsAll() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** Whether a commit that changed these paths qualifies. */
    boolean matches(Collection<String> changedPaths) {
        return changedPaths.stream().anyMatch(path ->
                (include.isEmpty() || include.stream().anyMatch(s -> s.test(path)))
                        && exclude.stream().noneMatch(s -> s.test(path)));
    }

    private static Predicate<String> selector(String selector) {
        if (selector.startsWith("regex:") || selector.startsWith("regexp:")) {
            String regex = selector.substring(selector.indexOf(':') + 1);
            try {
                Pattern pattern = Pattern.compile(regex);
                return path -> pattern.matcher(path).find();
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("path selector '" + selector + "' is not a valid RE2 pattern: "
                        + e.getDescription());
            }
        }
        if (selector.startsWith("glob:")) {
            return glob(selector, selector.substring("glob:".length()));
        }
        return underDirectory(selector);
    }

    private static Predicate<String> glob(String selector, String glob) {
        PathMatcher matcher;
        PathMatcher atTop;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            atTop = glob.startsWith("**/")
                    ? FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)) : null;
        } catch (IllegalArgumentException e) { // PatternSyntaxException included
            throw new IllegalArgumentException("path selector '" + selector + "' is not a valid glob: "
                    + e.getMessage());
        }
        return path -> {
            Path p = asPath(path);
            return p != null && (matcher.matches(p) || atTop != null && atTop.matches(p));
        };
    }

    // Go's filepath.Rel(base, path) without ".." in the result: the path is the base or below it
    private static Predicate<String> underDirectory(String base) {
        Path basePath = asPath(base);
        return path -> {
            Path p = asPath(path);
            if (basePath == null || p == null || basePath.isAbsolute() != p.isAbsolute()) {
                return false;
            }
            return !basePath.normalize().relativize(p.normalize()).toString().contains("..");
        };
    }

    private static Path asPath(String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
