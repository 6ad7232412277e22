package io.jenkins.plugins.kargo.discovery.npm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What discovery needs from an npm package document: the published versions, the {@code dist-tags}
 * ({@code latest}, {@code next}, ...) and, when the registry sends the {@code time} map, when each version was
 * published.
 *
 * @param name      the package name the registry reports
 * @param versions  every published version, in document order
 * @param distTags  tag to version, e.g. {@code latest -> 1.2.3}
 * @param published version to publication time; empty when the registry sent the abbreviated document without it
 */
public record Packument(String name, List<String> versions, Map<String, String> distTags,
                        Map<String, Instant> published) {

    private static final JsonFactory JSON = new JsonFactory();

    public Packument {
        versions = List.copyOf(versions);
        distTags = Map.copyOf(distTags);
        published = Map.copyOf(published);
    }

    /**
     * Reads a packument, full or abbreviated ({@code application/vnd.npm.install-v1+json}). It streams: the
     * per-version manifests, by far the largest part, are skipped without being built in memory.
     *
     * @throws IOException when the body is not a JSON object
     */
    public static Packument parse(byte[] json) throws IOException {
        String name = "";
        List<String> versions = new ArrayList<>();
        Map<String, String> distTags = new LinkedHashMap<>();
        Map<String, Instant> published = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "name" -> name = value == JsonToken.VALUE_STRING ? parser.getText() : name;
                    case "versions" -> forEachMember(parser, value, version -> {
                        versions.add(version);
                        parser.skipChildren();
                    });
                    case "dist-tags" -> forEachMember(parser, value, tag -> {
                        if (parser.currentToken() == JsonToken.VALUE_STRING) {
                            distTags.put(tag, parser.getText());
                        }
                        parser.skipChildren();
                    });
                    case "time" -> forEachMember(parser, value, version -> {
                        // "created" and "modified" sit beside the versions; unparseable times are left out
                        if (parser.currentToken() == JsonToken.VALUE_STRING) {
                            try {
                                published.put(version, Instant.parse(parser.getText()));
                            } catch (DateTimeParseException e) {
                                // not a time: nothing to record
                            }
                        }
                        parser.skipChildren();
                    });
                    default -> parser.skipChildren();
                }
            }
        }
        published.keySet().retainAll(Set.copyOf(versions));
        return new Packument(name, versions, distTags, published);
    }

    private static void forEachMember(JsonParser parser, JsonToken start, MemberReader reader) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            reader.read(key);
        }
    }

    @FunctionalInterface
    private interface MemberReader {
        void read(String key) throws IOException;
    }
}
