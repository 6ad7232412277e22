package io.jenkins.plugins.kargo.promotion.files;

import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A kustomization file and its top-level {@code images:} list, edited as Kargo's {@code kustomize-set-image} does
 * ({@code pkg/promotion/runner/builtin/kustomize_image_setter.go}): entries named like a new one are replaced, the
 * others kept, the list sorted by name. Only the list's own text is rewritten; the rest of the file, comments
 * included, keeps every byte. Comments between the list's entries are not kept.
 */
public record Kustomization(Path file, YamlText yaml) {

    /** The names kustomize recognises ({@code konfig.RecognizedKustomizationFileNames}). */
    public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /**
     * The one kustomization file in {@code directory} (resolved from {@code config.path}); none or several is an
     * error, as in Kargo.
     */
    public static Kustomization find(Path workDir, Path directory, String path) throws StepException {
        if (!Files.isDirectory(directory)) {
            throw new StepException("config.path '" + path + "' is not a directory in the promotion's working directory");
        }
        List<Path> found = new ArrayList<>();
        for (String name : FILE_NAMES) {
            if (Files.exists(directory.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                // the file itself may be a link leading out
                Path file = WorkDirPath.resolve(workDir, "config.path", path + "/" + name);
                if (Files.isRegularFile(file)) {
                    found.add(file);
                }
            }
        }
        Path root = workDir.toAbsolutePath().normalize();
        List<String> names = found.stream().map(f -> root.relativize(f).toString().replace('\\', '/')).toList();
        if (found.isEmpty()) {
            throw new StepException("could not find any Kustomization files in '" + path + "' (looked for "
                    + String.join(", ", FILE_NAMES) + ")");
        }
        if (found.size() > 1) {
            throw new StepException("ambiguous result: found multiple Kustomization files in '" + path + "': " + names
                    + "; keep only one");
        }
        return new Kustomization(found.get(0), YamlText.read(found.get(0), names.get(0)));
    }

    /** The entries of the {@code images:} list, by name (a name written twice counts once, the last, as in Kargo). */
    public Map<String, KustomizeImage> images() throws StepException {
        Map<String, KustomizeImage> images = new LinkedHashMap<>();
        Optional<SequenceNode> list = imagesList();
        if (list.isEmpty()) {
            return images;
        }
        for (Node item : list.get().getValue()) {
            KustomizeImage image = read(item);
            images.put(image.name(), image);
        }
        return images;
    }

    /** The file's text with {@code targets} merged into its {@code images:} list. */
    public String withImages(Collection<KustomizeImage> targets) throws StepException {
        Map<String, KustomizeImage> merged = new TreeMap<>(images());
        targets.forEach(t -> merged.put(t.name(), t));
        String lb = yaml.lineBreak();
        Optional<Node> root = yaml.root();
        if (root.isEmpty()) {
            String text = yaml.text();
            String separator = text.isEmpty() || text.endsWith("\n") || text.endsWith("\r") ? "" : lb;
            return text + separator + "images:" + lb + block(merged.values(), 0) + lb;
        }
        MappingNode mapping = topLevel(root.get());
        Optional<NodeTuple> images = mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("images")).findFirst();
        if (images.isEmpty()) {
            // appended to the mapping after its last line, so that comments closing the file stay last
            int at = yaml.endOfLine(yaml.end(mapping));
            int column = yaml.column(mapping);
            String key = lb + " ".repeat(column) + "images:" + lb + " ".repeat(column);
            return yaml.apply(List.of(new YamlText.Edit(at, at, key + block(merged.values(), column))));
        }
        Node value = images.get().getValueNode();
        if (value instanceof SequenceNode sequence && sequence.getFlowStyle() != FlowStyle.FLOW) {
            return yaml.apply(List.of(new YamlText.Edit(yaml.start(sequence), yaml.end(sequence),
                    block(merged.values(), yaml.column(sequence)))));
        }
        // images: [], images: ~ or an empty images: become a block list under the key
        Node key = images.get().getKeyNode();
        int column = yaml.column(key);
        int start;
        int end;
        if (yaml.start(value) == yaml.end(value)) {
            start = end = yaml.endOfLine(yaml.end(key));
        } else {
            start = yaml.start(value);
            end = yaml.end(value);
            while (start > 0 && (yaml.text().charAt(start - 1) == ' ' || yaml.text().charAt(start - 1) == '\t')) {
                start--;
            }
        }
        return yaml.apply(List.of(new YamlText.Edit(start, end,
                lb + " ".repeat(column) + block(merged.values(), column))));
    }

    private Optional<SequenceNode> imagesList() throws StepException {
        if (yaml.root().isEmpty()) {
            return Optional.empty();
        }
        Optional<Node> value = YamlText.get(topLevel(yaml.root().get()), "images");
        if (value.isEmpty() || value.get() instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return Optional.empty();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            throw new StepException(yaml.name() + " line " + yaml.line(value.get())
                    + ": 'images' must be a list of {name, newName, newTag, digest}");
        }
        return Optional.of(sequence);
    }

    private MappingNode topLevel(Node root) throws StepException {
        if (!(root instanceof MappingNode mapping)) {
            throw new StepException(yaml.name() + " is not a kustomization: its top level is not a mapping");
        }
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            throw new StepException(yaml.name() + " is written as one flow mapping ({...}); kustomize-set-image "
                    + "edits block-style files: write one field per line");
        }
        return mapping;
    }

    private KustomizeImage read(Node item) throws StepException {
        String where = yaml.name() + " line " + yaml.line(item) + ": ";
        if (!(item instanceof MappingNode entry)) {
            throw new StepException(where + "an entry of 'images' must be a mapping {name, newName, newTag, digest}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (NodeTuple field : entry.getValue()) {
            if (!(field.getKeyNode() instanceof ScalarNode key) || !(field.getValueNode() instanceof ScalarNode value)) {
                throw new StepException(where + "an entry of 'images' may only hold single values");
            }
            values.put(key.getValue(), value.getValue());
            lines.add(written(key) + ": " + written(value));
        }
        String name = values.getOrDefault("name", "");
        if (name.isEmpty()) {
            throw new StepException(where + "an entry of 'images' has no name");
        }
        return new KustomizeImage(name, values, lines);
    }

    /** A scalar as the file writes it, unless it spans lines (then re-written on one). */
    private String written(ScalarNode scalar) {
        String source = yaml.text().substring(yaml.start(scalar), yaml.end(scalar));
        return source.isEmpty() || source.contains("\n") || source.contains("\r")
                ? YamlScalar.string(scalar.getValue()) : source;
    }

    /** The entries as a block list whose dashes stand at {@code column}; the first dash is not indented. */
    private String block(Collection<KustomizeImage> images, int column) {
        String lb = yaml.lineBreak();
        String dash = " ".repeat(column);
        String field = " ".repeat(column + 2);
        StringBuilder out = new StringBuilder();
        for (KustomizeImage image : images) {
            out.append(out.isEmpty() ? "" : lb + dash).append("- ").append(String.join(lb + field, image.lines()));
        }
        return out.toString();
    }
}
