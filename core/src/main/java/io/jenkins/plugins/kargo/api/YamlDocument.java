package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One YAML document with the line of every value in it, so any field can be located for an error message.
 *
 * @param file       the file (or {@code <stdin>}) as named to the user
 * @param root       the document's value
 * @param lines      field path (relative to the document) to 1-based line within the parsed text
 * @param lineOffset added to every line: non-zero for YAML embedded in a string of another document
 * @param pathPrefix prepended to every field path, for the same reason (e.g. {@code data."config.yaml"})
 */
record YamlDocument(String file, JsonNode root, Map<String, Integer> lines, int lineOffset, String pathPrefix) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    YamlDocument {
        lines = Map.copyOf(lines);
    }

    /** Where the value at {@code path} was written; a value without its own line (from an alias) takes its parent's. */
    SourceLocation locate(String path) {
        String p = path;
        Integer line = lines.get(p);
        while (line == null && !p.isEmpty()) {
            p = parent(p);
            line = lines.get(p);
        }
        return new SourceLocation(file, (line == null ? 1 : line) + lineOffset, join(pathPrefix, path));
    }

    static String child(String path, String key) {
        return join(path, PLAIN_KEY.matcher(key).matches() ? key : '"' + key.replace("\"", "\\\"") + '"');
    }

    static String element(String path, int index) {
        return path + "[" + index + "]";
    }

    private static String join(String path, String segment) {
        if (path.isEmpty()) {
            return segment;
        }
        if (segment.isEmpty()) {
            return path;
        }
        return segment.startsWith("[") ? path + segment : path + "." + segment;
    }

    /** {@code a.b[2]} for {@code a.b[2].c}, {@code a} for {@code a."x.y"}, {@code a.b} for {@code a.b[2]}. */
    static String parent(String path) {
        int i = path.length() - 1;
        if (path.charAt(i) == ']') {
            return path.substring(0, path.lastIndexOf('['));
        }
        if (path.charAt(i) == '"') {
            i = path.lastIndexOf('"', i - 1);
            while (i > 0 && path.charAt(i - 1) == '\\') {
                i = path.lastIndexOf('"', i - 2);
            }
            return i <= 0 ? "" : path.substring(0, i - 1);
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
