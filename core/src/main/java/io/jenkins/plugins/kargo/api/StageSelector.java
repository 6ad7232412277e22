package io.jenkins.plugins.kargo.api;

import com.google.re2j.Pattern;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Map;

/**
 * Which stages a promotion policy applies to: a name (exact, or {@code regex:}/{@code regexp:}/{@code glob:} pattern)
 * and labels; both must match when both are given. Patterns are checked when the configuration is read.
 */
public record StageSelector(String name, Map<String, String> matchLabels) {

    public StageSelector {
        name = name == null ? "" : name;
        matchLabels = Map.copyOf(matchLabels);
    }

    public static StageSelector named(String stage) {
        return new StageSelector(stage, Map.of());
    }

    /** True if the name is a pattern rather than one stage's name. */
    public boolean isPattern() {
        return name.startsWith("regex:") || name.startsWith("regexp:") || name.startsWith("glob:");
    }

    public boolean matches(String stageName, Map<String, String> stageLabels) {
        return nameMatches(stageName) && matchLabels.entrySet().stream()
                .allMatch(e -> e.getValue().equals(stageLabels.get(e.getKey())));
    }

    private boolean nameMatches(String stageName) {
        if (name.isEmpty()) {
            return true;
        }
        if (name.startsWith("regex:") || name.startsWith("regexp:")) {
            return Pattern.compile(name.substring(name.indexOf(':') + 1)).matcher(stageName).find();
        }
        if (name.startsWith("glob:")) {
            return globMatcher(name.substring("glob:".length())).matches(Path.of(stageName));
        }
        return name.equals(stageName);
    }

    static PathMatcher globMatcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
}
