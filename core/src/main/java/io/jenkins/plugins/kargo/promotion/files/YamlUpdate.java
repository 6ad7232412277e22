package io.jenkins.plugins.kargo.promotion.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.StepException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One change of {@code yaml-update}: the single value at {@code key} becomes {@code value}. As in Kargo the key must
 * already exist and name a single value (not a mapping or list); unlike Kargo, only the value's own characters are
 * replaced, so a comment after it on the same line stays.
 */
public record YamlUpdate(YamlKeyPath key, JsonNode value) {

    /** {@code yaml}'s text with every update applied; a key given twice takes its last value, as in Kargo. */
    public static String applyAll(YamlText yaml, List<YamlUpdate> updates) throws StepException {
        Map<Integer, YamlText.Edit> edits = new LinkedHashMap<>();
        for (YamlUpdate update : updates) {
            Found found = update.find(yaml);
            ScalarNode target = found.scalar();
            String replacement = YamlScalar.value(update.value(), target.getScalarStyle(), found.inFlow());
            edits.put(yaml.start(target), new YamlText.Edit(yaml.start(target), yaml.end(target), replacement));
        }
        return yaml.apply(new ArrayList<>(edits.values()));
    }

    /** The value as the commit message shows it. */
    public String display() {
        return YamlScalar.value(value, ScalarStyle.PLAIN, false);
    }

    /** The value a key names, and whether it stands inside a flow collection. */
    private record Found(ScalarNode scalar, boolean inFlow) {
    }

    private Found find(YamlText yaml) throws StepException {
        Node node = yaml.root().orElseThrow(() -> notFound(yaml, "the file is empty"));
        boolean inFlow = false;
        List<String> parts = key.parts();
        for (int i = 0; i <= parts.size(); i++) {
            String at = String.join(".", parts.subList(0, i));
            if (node.getAnchor() != null) {
                throw new StepException("key '" + key.key() + "' of " + yaml.name() + " is inside the anchor &"
                        + node.getAnchor() + " (line " + yaml.line(node) + "), which its aliases share; changing it"
                        + " would change them too: give the key a value of its own instead of an alias");
            }
            if (i == parts.size()) {
                break;
            }
            String part = parts.get(i);
            inFlow |= node instanceof CollectionNode<?> collection && collection.getFlowStyle() == FlowStyle.FLOW;
            if (node instanceof MappingNode mapping) {
                node = YamlText.get(mapping, part).orElseThrow(() -> notFound(yaml,
                        (at.isEmpty() ? "the top level" : "'" + at + "'") + " has no key '" + part + "'"));
            } else if (node instanceof SequenceNode sequence) {
                node = sequence.getValue().get(index(yaml, sequence, at, part));
            } else {
                throw notFound(yaml, "'" + at + "' is a single value (line " + yaml.line(node) + "), it has no '" + part + "'");
            }
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw new StepException("key '" + key.key() + "' of " + yaml.name() + " is a " + (node instanceof MappingNode
                    ? "mapping" : "list") + " (line " + yaml.line(node) + "), not a single value; name a key inside it");
        }
        return new Found(scalar, inFlow);
    }

    private int index(YamlText yaml, SequenceNode sequence, String at, String part) throws StepException {
        int size = sequence.getValue().size();
        try {
            int index = Integer.parseInt(part);
            if (index >= 0 && index < size) {
                return index;
            }
        } catch (NumberFormatException e) {
            throw notFound(yaml, "'" + at + "' is a list (line " + yaml.line(sequence) + "), so '" + part
                    + "' must be an item number");
        }
        throw notFound(yaml, "'" + at + "' is a list of " + size + " (line " + yaml.line(sequence) + "), it has no item " + part);
    }

    private StepException notFound(YamlText yaml, String why) {
        return new StepException("key '" + key.key() + "' not found in " + yaml.name() + ": " + why);
    }
}
