package io.jenkins.plugins.kargo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints resources as JSON or YAML the way kubectl does: one resource as itself, several (or a query that may
 * return several) as a {@code kind: List}.
 */
final class Printer {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a string such as a header's "12" must read back as a string, not a number
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private Printer() {
    }

    static void print(PrintWriter out, OutputFormat format, List<ObjectNode> resources, boolean single) {
        write(out, format, single && resources.size() == 1 ? resources.get(0) : list(resources));
    }

    /** Prints the document as it is (e.g. a plain list of what is no resource). */
    static void write(PrintWriter out, OutputFormat format, Object document) {
        try {
            out.print(format == OutputFormat.yaml ? YAML.writeValueAsString(document)
                    : JSON.writeValueAsString(document) + System.lineSeparator());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static ObjectNode list(List<ObjectNode> items) {
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        list.putArray("items").addAll(items);
        return list;
    }
}
