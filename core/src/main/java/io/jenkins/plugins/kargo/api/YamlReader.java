package io.jenkins.plugins.kargo.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads multi-document YAML into trees that remember the line of every value, within {@link ConfigLimits}.
 *
 * <p>Jackson's YAML parser reports an alias ({@code *name}) as its anchor's name instead of expanding it, so this
 * reader expands aliases itself (Kubernetes does), and that is where alias bombs are stopped: by counting alias uses
 * and the values they create. Nesting is bounded by Jackson's {@link StreamReadConstraints} as each level opens,
 * so a 10,000-deep document costs little.
 */
final class YamlReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ConfigLimits limits;
    private final YAMLFactory factory;

    YamlReader(ConfigLimits limits) {
        this.limits = limits;
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
        // duplicates are reported by the tree builder, which knows merge keys and goes on to find more problems
        options.setAllowDuplicateKeys(true);
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
                        .build())
                .build();
    }

    /**
     * The documents of one file. Problems (syntax, limits, duplicate keys) are added to {@code problems}; a file
     * with a fatal problem yields the documents read before it.
     */
    List<YamlDocument> read(String file, byte[] bytes, int lineOffset, String pathPrefix, Problems problems) {
        List<YamlDocument> documents = new ArrayList<>();
        try (YAMLParser parser = factory.createParser(bytes)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (documents.size() >= limits.maxDocumentsPerFile()) {
                    throw new LimitExceeded(parser.currentTokenLocation(), "more than "
                            + limits.maxDocumentsPerFile() + " YAML documents in one file",
                            "split the file; each file may hold up to " + limits.maxDocumentsPerFile() + " documents");
                }
                DocumentBuilder builder = new DocumentBuilder(parser, file, lineOffset, pathPrefix, problems);
                JsonNode root = builder.value(token, "");
                // an empty document (a trailing ---) comes as an empty plain scalar, not as null: both are nothing
                if (!root.isNull() && !(root.isTextual() && root.textValue().isEmpty())) {
                    documents.add(new YamlDocument(file, root, builder.lines, lineOffset, pathPrefix));
                }
            }
        } catch (LimitExceeded e) {
            problems.error(location(file, lineOffset, pathPrefix, e.where), e.getMessage(), e.fix);
        } catch (StreamConstraintsException e) {
            // Jackson's own bound on nesting (set from the limits), checked as each level opens
            problems.error(location(file, lineOffset, pathPrefix, e.getLocation()),
                    "nesting deeper than " + limits.maxNestingDepth() + " levels",
                    "flatten the structure; no Kargo resource nests that deep");
        } catch (JsonProcessingException e) {
            problems.error(location(file, lineOffset, pathPrefix, e.getLocation()),
                    "not valid YAML: " + firstLine(e.getOriginalMessage()),
                    "correct the YAML syntax at this line (indentation, quotes, ':' after each key)");
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports its own limits (code points, nesting) as unchecked exceptions
            problems.error(new SourceLocation(file, lineOffset + 1, pathPrefix),
                    "cannot read YAML: " + firstLine(String.valueOf(e.getMessage())),
                    "check that the file is UTF-8 YAML within the limits in docs/configuration.md");
        }
        return documents;
    }

    private static SourceLocation location(String file, int lineOffset, String pathPrefix, JsonLocation where) {
        int line = where == null || where.getLineNr() < 1 ? 1 : where.getLineNr();
        return new SourceLocation(file, line + lineOffset, pathPrefix);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Builds one document, recording lines and expanding aliases. */
    private final class DocumentBuilder {
        private final YAMLParser parser;
        private final String file;
        private final int lineOffset;
        private final String pathPrefix;
        private final Problems problems;
        private final Map<String, Integer> lines = new HashMap<>();
        private final Map<String, JsonNode> anchors = new HashMap<>();
        private final Map<String, Integer> anchorSizes = new HashMap<>();
        private int nodes;
        private int aliases;

        DocumentBuilder(YAMLParser parser, String file, int lineOffset, String pathPrefix, Problems problems) {
            this.parser = parser;
            this.file = file;
            this.lineOffset = lineOffset;
            this.pathPrefix = pathPrefix;
            this.problems = problems;
        }

        JsonNode value(JsonToken token, String path) throws IOException {
            JsonLocation start = parser.currentTokenLocation();
            lines.putIfAbsent(path, start.getLineNr());
            if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
                return alias(parser.getText(), start);
            }
            String anchor = parser.getCurrentAnchor();
            int before = nodes;
            count(start, 1);
            JsonNode node = switch (token) {
                case START_OBJECT -> object(path);
                case START_ARRAY -> array(path);
                case VALUE_STRING -> NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> NODES.textNode(parser.getText());
            };
            if (anchor != null) {
                anchors.put(anchor, node);
                anchorSizes.put(anchor, nodes - before);
            }
            return node;
        }

        private JsonNode alias(String anchor, JsonLocation where) {
            JsonNode target = anchors.get(anchor);
            if (target == null) {
                // Jackson does not report anchors on single values, so only mappings and lists can be aliased
                throw new LimitExceeded(where, "alias *" + anchor + " refers to no mapping or list anchored before it",
                        "anchor a mapping or list with '&" + anchor + "' earlier in the same document, or write the "
                                + "value out (aliases of single values are not supported)");
            }
            if (++aliases > limits.maxAliases()) {
                throw new LimitExceeded(where, "more than " + limits.maxAliases() + " YAML aliases in one document",
                        "write the values out instead of using so many '*' aliases");
            }
            count(where, anchorSizes.get(anchor));
            return target.deepCopy();
        }

        private void count(JsonLocation where, int added) {
            nodes += added;
            if (nodes > limits.maxNodesPerDocument()) {
                throw new LimitExceeded(where, "document has more than " + limits.maxNodesPerDocument()
                        + " values (after expanding aliases)", "split the document or remove aliases");
            }
        }

        private ObjectNode object(String path) throws IOException {
            ObjectNode object = NODES.objectNode();
            Set<String> merged = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation keyAt = parser.currentTokenLocation();
                String childPath = YamlDocument.child(path, key);
                lines.putIfAbsent(childPath, keyAt.getLineNr());
                JsonNode value = value(parser.nextToken(), childPath);
                if (key.equals("<<")) {
                    merge(object, value, merged);
                } else if (object.has(key) && !merged.remove(key)) {
                    problems.error(new SourceLocation(file, keyAt.getLineNr() + lineOffset,
                                    pathPrefix.isEmpty() ? childPath : pathPrefix + "." + childPath),
                            "key '" + key + "' appears twice in the same mapping", "remove one of them");
                } else {
                    merged.remove(key);
                    object.set(key, value);
                }
            }
            return object;
        }

        /** YAML's merge key ({@code <<: *base}): the anchored mapping's keys, unless written here too. */
        private void merge(ObjectNode into, JsonNode value, Set<String> merged) {
            List<JsonNode> sources = value.isArray() ? toList(value) : List.of(value);
            for (JsonNode source : sources) {
                source.fieldNames().forEachRemaining(name -> {
                    if (!into.has(name)) {
                        into.set(name, source.get(name));
                        merged.add(name);
                    }
                });
            }
        }

        private static List<JsonNode> toList(JsonNode array) {
            List<JsonNode> list = new ArrayList<>();
            array.forEach(list::add);
            return list;
        }

        private ArrayNode array(String path) throws IOException {
            ArrayNode array = NODES.arrayNode();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                array.add(value(token, YamlDocument.element(path, array.size())));
            }
            return array;
        }
    }

    /** A limit was exceeded or the input cannot be expanded: reading this file stops here. */
    private static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JsonLocation where;
        private final String fix;

        LimitExceeded(JsonLocation where, String message, String fix) {
            super(message, null, false, false);
            this.where = where;
            this.fix = fix;
        }
    }
}
