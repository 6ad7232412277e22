package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kargo's {@code json-update} ({@code json_updater.go}, on sjson): sets scalar values in a JSON file,
 * {@code config: {path, updates: [{key, value}]}}, keys in sjson's dot notation ({@code spec.replicas},
 * {@code containers.0.image}, {@code \.} for a dot in a name). As sjson, the file's text is edited where the value
 * is written, every other byte kept; a key that does not exist is added to the nearest object that does, as
 * compact JSON before its closing brace. Output {@code commitMessage}: "Updated path" and one {@code - key: value}
 * line per update (strings quoted).
 */
public final class JsonUpdateStep implements PromotionStepRunner {

    public static final String NAME = "json-update";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The step's {@code config}. */
    record Config(String path, List<Update> updates) {
        Config {
            require(present(path), "path", "is required", "give the JSON file to update");
            require(updates != null && !updates.isEmpty(), "updates", "is required", "list at least one {key, value}");
            updates = List.copyOf(updates);
        }
    }

    /** One entry of {@code config.updates}. */
    record Update(String key, JsonNode value) {
        Update {
            require(present(key), "key", "is required", "give the key in dot notation, e.g. spec.replicas");
            require(value != null && (value.isTextual() || value.isNumber() || value.isBoolean()), "value",
                    "is not a scalar", "give a string, a number or true/false");
        }
    }

    /** Where a value is written in the text, {@code [start, end)}. */
    private record Span(int start, int end) {
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
            if (!Files.isRegularFile(file)) {
                throw StepConfig.error("config.path", "is '" + config.path() + "', which is not a file", "");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            StringBuilder message = new StringBuilder("Updated ").append(config.path()).append('\n');
            for (int i = 0; i < config.updates().size(); i++) {
                Update update = config.updates().get(i);
                text = set(text, config.path(), "config.updates[" + i + "].key", keyPath(update.key()),
                        JSON.writeValueAsString(update.value()));
                message.append("\n- ").append(update.key()).append(": ").append(update.value().isTextual()
                        ? JSON.writeValueAsString(update.value()) : update.value().asText());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return StepResult.succeeded(Map.of("commitMessage", message.toString()), "updated "
                    + config.updates().size() + (config.updates().size() == 1 ? " value" : " values") + " in "
                    + config.path());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": could not update the file: " + e.getMessage());
        }
    }

    /** sjson's path: segments split at unescaped dots. */
    static List<String> keyPath(String key) {
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                segment.append(key.charAt(++i));
            } else if (c == '.') {
                segments.add(segment.toString());
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        segments.add(segment.toString());
        return segments;
    }

    /** The text with the value at {@code path} replaced, or added to the nearest existing object. */
    private static String set(String text, String file, String field, List<String> path, String value)
            throws StepException {
        List<Span> found = locate(text, file, path);
        if (found.size() == path.size() + 1) {
            Span at = found.get(path.size());
            return text.substring(0, at.start()) + value + text.substring(at.end());
        }
        int depth = found.size() - 1; // the deepest container that exists: path[0, depth)
        Span parent = found.get(depth);
        if (text.charAt(parent.start()) != '{') {
            throw StepConfig.error(field, "is '" + String.join(".", path) + "', but "
                    + (depth == 0 ? "the document" : "'" + String.join(".", path.subList(0, depth)) + "'")
                    + " in " + file + " is not an object", "give the key of an object's field");
        }
        String added = value;
        for (int i = path.size() - 1; i > depth; i--) {
            added = "{" + quote(path.get(i)) + ":" + added + "}";
        }
        int close = parent.end() - 1;
        boolean empty = text.substring(parent.start() + 1, close).isBlank();
        return text.substring(0, close) + (empty ? "" : ",") + quote(path.get(depth)) + ":" + added
                + text.substring(close);
    }

    private static String quote(String name) throws StepException {
        try {
            return JSON.writeValueAsString(name);
        } catch (JsonProcessingException e) {
            throw new StepException(e.getMessage(), e);
        }
    }

    /**
     * The spans of the document and of each prefix of {@code path} that exists, outermost first (so a full match has
     * {@code path.size() + 1} entries).
     */
    private static List<Span> locate(String text, String file, List<String> path) throws StepException {
        Span[] spans = new Span[path.size() + 1];
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            if (parser.nextToken() == null) {
                throw new StepException(file + " is empty");
            }
            walk(parser, path, 0, spans);
        } catch (JsonProcessingException e) {
            throw new StepException(file + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new StepException("could not read " + file + ": " + e.getMessage(), e);
        }
        List<Span> found = new ArrayList<>();
        for (int i = 0; i < spans.length && spans[i] != null; i++) {
            found.add(spans[i]);
        }
        return found;
    }

    /** With the parser on the value of {@code path[0, depth)}: records its span and those of the path below it. */
    private static void walk(JsonParser parser, List<String> path, int depth, Span[] spans) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        JsonToken container = parser.currentToken();
        if (depth == path.size() || !container.isStructStart()) {
            parser.skipChildren();
            parser.getText(); // a string is read to its closing quote only when asked
            spans[depth] = new Span(start, (int) parser.currentLocation().getCharOffset());
            return;
        }
        int index = 0;
        JsonToken token;
        while (!(token = parser.nextToken()).isStructEnd()) {
            boolean match;
            if (token == JsonToken.FIELD_NAME) {
                match = parser.currentName().equals(path.get(depth));
                parser.nextToken();
            } else {
                match = String.valueOf(index++).equals(path.get(depth));
            }
            if (match) {
                walk(parser, path, depth + 1, spans);
            } else {
                parser.skipChildren();
            }
        }
        spans[depth] = new Span(start, (int) parser.currentLocation().getCharOffset());
    }
}
