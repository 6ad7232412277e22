package io.jenkins.plugins.kargo.promotion.files;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a kustomization's {@code images:} list ({@code {name, newName, newTag, digest}}).
 *
 * @param values its fields' values, in the order written
 * @param lines  each field as it is written ({@code key: value}); an entry read from a file keeps its own quoting
 */
public record KustomizeImage(String name, Map<String, String> values, List<String> lines) {

    /** Kargo's "keep the existing value" in {@code newName}, {@code tag} and {@code digest}. */
    public static final String KEEP = "*";

    public KustomizeImage {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        lines = List.copyOf(lines);
    }

    /**
     * The entry a step asks for. Empty fields are left out; {@link #KEEP} fields take the value of {@code existing}
     * (or are left out when there is none), as Kargo's {@code mergeImages} does.
     */
    public static KustomizeImage target(String name, String newName, String newTag, String digest,
                                        KustomizeImage existing) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("newName", keep(newName, "newName", existing));
        values.put("newTag", keep(newTag, "newTag", existing));
        values.put("digest", keep(digest, "digest", existing));
        values.values().removeIf(String::isEmpty);
        List<String> lines = values.entrySet().stream().map(e -> e.getKey() + ": " + YamlScalar.string(e.getValue())).toList();
        return new KustomizeImage(name, values, lines);
    }

    /** The reference the image is deployed as, for commit messages: {@code newName-or-name[:newTag][@digest]}. */
    public String reference() {
        String ref = values.getOrDefault("newName", name);
        if (values.containsKey("newTag")) {
            ref += ":" + values.get("newTag");
        }
        if (values.containsKey("digest")) {
            ref += "@" + values.get("digest");
        }
        return ref;
    }

    private static String keep(String value, String field, KustomizeImage existing) {
        if (!KEEP.equals(value)) {
            return value;
        }
        return existing == null ? "" : existing.values().getOrDefault(field, "");
    }
}
