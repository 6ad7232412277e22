package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kargo's {@code yaml-merge} ({@code yaml_merger.go}, kustomize's {@code kyaml merge2}): merges {@code inFiles} in
 * order into {@code outFile}, each file over what came before. As merge2: mappings merge key by key, a {@code null}
 * removes the key; a list of mappings that all carry one of kustomize's associative keys ({@code name},
 * {@code mountPath}, {@code devicePath}, {@code ip}, {@code type}, {@code topologyKey}, {@code containerPort}, tried
 * in that order) merges element by element on that key, new elements appended; any other list, and any scalar, is
 * replaced. An empty file adds nothing; a missing one is an error unless {@code ignoreMissingFiles}. Output
 * {@code commitMessage}: "Wrote a to out", or "Merged n YAML files to out" with one line per file. The merged file
 * is written by Jackson: comments of the inputs are not kept (kyaml keeps those of the first file).
 */
public final class YamlMergeStep implements PromotionStepRunner {

    public static final String NAME = "yaml-merge";
    private static final List<String> ASSOCIATIVE_KEYS = List.of("mountPath", "devicePath", "ip", "type",
            "topologyKey", "name", "containerPort");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a string that reads as a number stays a string ("1" is not 1)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    /** The step's {@code config}. */
    record Config(List<String> inFiles, String outFile, boolean ignoreMissingFiles) {
        Config {
            require(inFiles != null && !inFiles.isEmpty(), "inFiles", "is required", "list the files to merge");
            require(inFiles.stream().allMatch(StepConfig::present), "inFiles", "has an empty entry", "remove it");
            require(present(outFile), "outFile", "is required", "give the file to write");
            inFiles = List.copyOf(inFiles);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode rawConfig) {
        try {
            Config config = StepConfig.bind(NAME, rawConfig, Config.class);
            List<String> merged = new ArrayList<>();
            JsonNode result = null;
            for (int i = 0; i < config.inFiles().size(); i++) {
                String in = config.inFiles().get(i);
                Path file = WorkDirPath.resolve(context.workDir(), "config.inFiles[" + i + "]", in);
                if (!Files.isRegularFile(file)) {
                    if (config.ignoreMissingFiles()) {
                        continue;
                    }
                    throw StepConfig.error("config.inFiles[" + i + "]", "is '" + in + "', which does not exist",
                            "or set ignoreMissingFiles: true");
                }
                merged.add(in);
                Optional<JsonNode> patch = read(file, in);
                if (patch.isPresent()) {
                    result = result == null ? patch.get() : merge(result, patch.get());
                }
            }
            Path out = WorkDirPath.resolve(context.workDir(), "config.outFile", config.outFile());
            Files.createDirectories(out.getParent());
            Files.writeString(out, result == null ? "" : YAML.writeValueAsString(result), StandardCharsets.UTF_8);
            String message = merged.size() == 1 ? "Wrote " + merged.get(0) + " to " + config.outFile()
                    : "Merged " + merged.size() + " YAML files to " + config.outFile()
                    + merged.stream().map(f -> "\n- " + f).reduce("", String::concat);
            return StepResult.succeeded(merged.isEmpty() ? Map.of() : Map.of("commitMessage", message),
                    "merged " + merged.size() + " file(s) into " + config.outFile());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        } catch (IOException e) {
            return StepResult.errored(NAME + ": could not write the merged file: " + e.getMessage());
        }
    }

    private static Optional<JsonNode> read(Path file, String name) throws StepException {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null || node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            throw new StepException(name + " is not valid YAML: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new StepException("could not read " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code patch} over {@code base}, as merge2 merges them. */
    static JsonNode merge(JsonNode base, JsonNode patch) {
        if (base instanceof ObjectNode target && patch.isObject()) {
            ObjectNode result = target.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    result.remove(field.getKey());
                } else {
                    JsonNode existing = result.get(field.getKey());
                    result.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
                }
            }
            return result;
        }
        if (base instanceof ArrayNode list && patch instanceof ArrayNode additions) {
            Optional<String> key = ASSOCIATIVE_KEYS.stream().filter(k -> keyedBy(list, k) && keyedBy(additions, k))
                    .findFirst();
            if (key.isPresent()) {
                return mergeByKey(list, additions, key.get());
            }
        }
        return patch;
    }

    private static boolean keyedBy(ArrayNode list, String key) {
        for (JsonNode element : list) {
            if (!element.isObject() || !element.hasNonNull(key)) {
                return false;
            }
        }
        return true;
    }

    private static ArrayNode mergeByKey(ArrayNode base, ArrayNode patch, String key) {
        ArrayNode result = base.deepCopy();
        for (JsonNode element : patch) {
            int at = -1;
            for (int i = 0; i < result.size() && at < 0; i++) {
                if (result.get(i).get(key).equals(element.get(key))) {
                    at = i;
                }
            }
            if (at < 0) {
                result.add(element);
            } else {
                result.set(at, merge(result.get(at), element));
            }
        }
        return result;
    }
}
