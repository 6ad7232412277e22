package io.jenkins.plugins.kargo.discovery.chart;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * What discovery reads from a classic repository's {@code index.yaml}: the versions listed under
 * {@code entries.<chart>[].version}. The document is streamed, so the rest of each entry (descriptions, URLs,
 * digests), which makes up most of a large index, is skipped without being built in memory.
 *
 * @param versions chart name to its versions, in index order
 */
record ChartIndex(Map<String, List<String>> versions) {

    ChartIndex {
        versions = Map.copyOf(versions);
    }

    /**
     * @param maxBytes the largest index accepted (SnakeYAML refuses documents over 3 MB unless told otherwise)
     * @throws IOException when the body is not YAML or has no {@code entries} map
     */
    static ChartIndex parse(byte[] yaml, int maxBytes) throws IOException {
        refuseLongLines(yaml);
        try {
            return read(yaml, maxBytes);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the raw bytes around the fault: say where, not what
            JsonLocation at = e.getLocation();
            throw new IOException("it is not YAML" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        }
    }

    /**
     * SnakeYAML copies the rest of a line each time it reads ahead within it, so one scalar of 20 MB costs minutes
     * of CPU before any error. No index has lines anywhere near this long (descriptions, URLs, digests).
     */
    static final int MAX_LINE_CHARS = 64 << 10;

    private static void refuseLongLines(byte[] yaml) throws IOException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= yaml.length; i++) {
            if (i == yaml.length || yaml[i] == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new IOException("line " + line + " is longer than " + MAX_LINE_CHARS
                            + " bytes, which no chart index has");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static ChartIndex read(byte[] yaml, int maxBytes) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxBytes);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        Map<String, List<String>> versions = new HashMap<>();
        boolean sawEntries = false;
        try (JsonParser parser = factory.createParser(yaml)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the document is not a YAML mapping");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("entries") && value == JsonToken.START_OBJECT) {
                    sawEntries = true;
                    readEntries(parser, versions);
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (!sawEntries) {
            throw new IOException("it has no \"entries\" mapping");
        }
        return new ChartIndex(versions);
    }

    private static void readEntries(JsonParser parser, Map<String, List<String>> versions) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String chart = parser.currentName();
            List<String> chartVersions = versions.computeIfAbsent(chart, name -> new ArrayList<>());
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("version") && value.isScalarValue()) {
                        chartVersions.add(parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
    }
}
