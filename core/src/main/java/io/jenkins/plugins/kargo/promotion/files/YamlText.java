package io.jenkins.plugins.kargo.promotion.files;

import io.jenkins.plugins.kargo.promotion.StepException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The text of one YAML file together with its node tree, so that a value can be replaced where it is written and
 * every other byte (comments, blank lines, quoting, key order, line endings) stays as it was. A YAML library that
 * re-serialises the tree cannot promise that; editing the text at SnakeYAML's node marks can.
 *
 * @param name how the file is named in messages (its path relative to the step's working directory)
 * @param root the document's node; empty for a file with no content (blank, or only comments)
 */
public record YamlText(String name, String text, Optional<Node> root) {

    /** A replacement of {@code text[start, end)}. */
    public record Edit(int start, int end, String replacement) {
    }

    public static YamlText read(Path file, String name) throws StepException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StepException("could not read " + name + ": " + e, e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return parse(name, text);
        } catch (CharacterCodingException e) {
            throw new StepException(name + " is not UTF-8 text", e);
        }
    }

    public static YamlText parse(String name, String text) throws StepException {
        try {
            Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            return new YamlText(name, text, Optional.ofNullable(root));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new StepException(name + " is not valid YAML: " + e.getProblem() + (line > 0 ? " (line " + line + ")" : ""), e);
        } catch (YAMLException e) {
            throw new StepException(name + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Writes {@code newText} over {@code file} unless it is the text read; true if the file changed. */
    public boolean save(Path file, String newText) throws StepException {
        if (newText.equals(text)) {
            return false;
        }
        try {
            Files.writeString(file, newText, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            throw new StepException("could not write " + name + ": " + e, e);
        }
    }

    /** The text with {@code edits} (which must not overlap) applied. */
    public String apply(List<Edit> edits) {
        StringBuilder out = new StringBuilder(text);
        List<Edit> backwards = edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed()).toList();
        for (Edit edit : backwards) {
            out.replace(edit.start(), edit.end(), edit.replacement());
        }
        return out.toString();
    }

    /** Where {@code node} starts in {@link #text()} (its anchor or tag included). */
    public int start(Node node) {
        return charIndex(node.getStartMark().getIndex());
    }

    /**
     * Where {@code node} ends: after its last character, excluding the comments and blank lines that SnakeYAML
     * counts into a block collection or a block scalar.
     */
    public int end(Node node) {
        int end;
        if (node instanceof CollectionNode<?> collection && collection.getFlowStyle() != FlowStyle.FLOW
                && lastChild(node).isPresent()) {
            end = end(lastChild(node).get());
        } else {
            end = charIndex(node.getEndMark().getIndex());
        }
        while (end > start(node) && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** The 1-based line {@code node} starts on. */
    public int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** How many characters precede {@code node} on its line (a byte-order mark does not count). */
    public int column(Node node) {
        int start = start(node);
        int lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
        return lineStart == 0 && text.startsWith("\uFEFF") ? start - 1 : start - lineStart;
    }

    /** The end of the line that {@code offset} is on (the index of its line break, or the end of the text). */
    public int endOfLine(int offset) {
        int end = offset;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    /** The file's own line break ({@code \r\n} for a Windows file), for new lines written into it. */
    public String lineBreak() {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** The value of {@code key} in {@code mapping}, the first if the key is written twice (as Kargo reads it). */
    public static Optional<Node> get(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst();
    }

    private Optional<Node> lastChild(Node node) {
        if (node instanceof MappingNode mapping && !mapping.getValue().isEmpty()) {
            return Optional.of(mapping.getValue().get(mapping.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
            return Optional.of(sequence.getValue().get(sequence.getValue().size() - 1));
        }
        return Optional.empty();
    }

    /** SnakeYAML counts code points; Java strings count UTF-16 units, which differ past the BMP (emoji). */
    private int charIndex(int codePointIndex) {
        return text.offsetByCodePoints(0, codePointIndex);
    }
}
