package io.jenkins.plugins.kargo.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.kargo.api.GoDuration;
import io.jenkins.plugins.kargo.expr.Limits;
import io.jenkins.plugins.kargo.net.OutboundPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What the operator of an installation decides, not the projects: the bounds of every expression evaluation and
 * where requests users configure may go. Read from {@code settings.yaml} in the state directory when the engine
 * opens; without the file, or for what it leaves out, the defaults apply ({@code docs/security.md}):
 *
 * <pre>
 * expressions:            # one evaluation: a step's vars, if and config; a stage's verification args; a measurement
 *   maxTime: 10s
 *   maxSteps: 2000000
 *   maxAllocationMiB: 32
 *   maxStringLength: 1048576
 *   maxCollectionSize: 1000000
 *   maxDepth: 256          # nesting of one expression; kargo apply checks with the default
 *   maxSourceLength: 65536 # characters of one expression; kargo apply checks with the default
 *   maxValueDepth: 1000
 * outbound:               # http steps, web metrics and their redirects
 *   allow: []             # when not empty, only these hosts, *.domains or address ranges
 *   deny: [169.254.0.0/16, "fe80::/10", "fd00:ec2::254/128", metadata.google.internal]   # replaces the default
 *   maxRedirects: 10
 * </pre>
 */
public record OperatorSettings(Limits expressions, OutboundPolicy outbound) {

    /** The file's name in the state directory. */
    public static final String FILE = "settings.yaml";

    public static final OperatorSettings DEFAULT = new OperatorSettings(Limits.DEFAULT, OutboundPolicy.DEFAULT);

    private static final Set<String> TOP = Set.of("expressions", "outbound");
    private static final Set<String> EXPRESSIONS = Set.of("maxTime", "maxSteps", "maxAllocationMiB",
            "maxStringLength", "maxCollectionSize", "maxDepth", "maxSourceLength", "maxValueDepth");
    private static final Set<String> OUTBOUND = Set.of("allow", "deny", "maxRedirects");

    /**
     * The settings of the installation whose state is {@code stateDirectory}.
     *
     * @throws IllegalArgumentException naming the file and the setting when one is wrong, and the fix
     */
    public static OperatorSettings read(Path stateDirectory) {
        Path file = stateDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return DEFAULT;
        }
        try {
            allowOnly(root, "", TOP);
            return new OperatorSettings(limits(root.path("expressions")), outbound(root.path("outbound")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Limits limits(JsonNode node) {
        allowOnly(node, "expressions.", EXPRESSIONS);
        Limits d = Limits.DEFAULT;
        return new Limits(
                integer(node, "maxSourceLength", d.maxSourceLength()),
                integer(node, "maxDepth", d.maxDepth()),
                number(node, "maxSteps", d.maxSteps()),
                node.has("maxTime") ? duration(node.get("maxTime").asText()) : d.maxTime(),
                integer(node, "maxStringLength", d.maxStringLength()),
                integer(node, "maxCollectionSize", d.maxCollectionSize()),
                number(node, "maxAllocationMiB", d.maxAllocation() >> 20) << 20,
                integer(node, "maxValueDepth", d.maxValueDepth()));
    }

    private static OutboundPolicy outbound(JsonNode node) {
        allowOnly(node, "outbound.", OUTBOUND);
        OutboundPolicy d = OutboundPolicy.DEFAULT;
        return new OutboundPolicy(list(node, "allow", d.allow()), list(node, "deny", d.deny()),
                integer(node, "maxRedirects", d.maxRedirects(), 0));
    }

    private static java.time.Duration duration(String text) {
        if (!GoDuration.isGo(text) || GoDuration.parse(text).isZero()) {
            throw new IllegalArgumentException("expressions.maxTime is '" + text + "', not a positive duration;"
                    + " write e.g. 10s or 1m");
        }
        return GoDuration.parse(text);
    }

    private static int integer(JsonNode node, String field, int fallback) {
        return integer(node, field, fallback, 1);
    }

    private static int integer(JsonNode node, String field, int fallback, long min) {
        long value = number(node, field, fallback, min);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " is " + value + ", above " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    private static long number(JsonNode node, String field, long fallback) {
        return number(node, field, fallback, 1);
    }

    private static long number(JsonNode node, String field, long fallback, long min) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min) {
            throw new IllegalArgumentException(field + " is '" + value.asText() + "'; write a whole number of at"
                    + " least " + min);
        }
        return value.asLong();
    }

    private static List<String> list(JsonNode node, String field, List<String> fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("outbound." + field + " must be a list of hosts or address ranges,"
                    + " e.g. [169.254.0.0/16, metadata.google.internal]");
        }
        List<String> entries = new ArrayList<>();
        value.forEach(entry -> entries.add(entry.asText()));
        return entries;
    }

    private static void allowOnly(JsonNode node, String prefix, Set<String> known) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException((prefix.isEmpty() ? "the file" : prefix.substring(0,
                    prefix.length() - 1)) + " must be a mapping");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown setting " + prefix + name + "; known here: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }
}
