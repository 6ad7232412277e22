package io.jenkins.plugins.kargo.promotion.files;

import io.jenkins.plugins.kargo.promotion.StepException;
import java.util.ArrayList;
import java.util.List;

/**
 * A key as Kargo's {@code yaml-update} and {@code helm-update-image} write it ({@code pkg/sjson/split_key.go}): parts
 * separated by dots, {@code \.} for a dot inside a part, a number selecting a list item, and a leading {@code :}
 * marking a numeric part as a mapping key ({@code ports.:8080}).
 *
 * @param key   the key as written
 * @param parts its parts, escapes and hints removed
 */
public record YamlKeyPath(String key, List<String> parts) {

    public YamlKeyPath {
        parts = List.copyOf(parts);
    }

    public static YamlKeyPath parse(String key) throws StepException {
        String trimmed = key.strip();
        if (trimmed.isEmpty()) {
            throw new StepException("the key is empty");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean escaped = false;
        for (char c : trimmed.toCharArray()) {
            if (escaped) {
                if (c != '.' && c != ':') {
                    throw new StepException("key '" + key + "' has an invalid escape '\\" + c + "'; only \\. and \\: are escapes");
                }
                part.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '.') {
                parts.add(finish(part, key));
            } else if (c == ':' && part.isEmpty()) {
                // the hint "this numeric part is a key, not an index" needs no keeping: a mapping compares text
                continue;
            } else if (c == ':') {
                throw new StepException("key '" + key + "' has a ':' inside a part; write '\\:' for a literal colon");
            } else {
                part.append(c);
            }
        }
        if (escaped) {
            throw new StepException("key '" + key + "' ends with a lone '\\'");
        }
        parts.add(finish(part, key));
        return new YamlKeyPath(key, parts);
    }

    private static String finish(StringBuilder part, String key) throws StepException {
        if (part.isEmpty()) {
            throw new StepException("key '" + key + "' has an empty part; remove the doubled or trailing '.'");
        }
        String done = part.toString();
        part.setLength(0);
        return done;
    }
}
