package io.jenkins.plugins.kargo.promotion.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kargo's {@code yaml-update} ({@code pkg/promotion/runner/builtin/yaml_updater.go}): sets values in a YAML file,
 * {@code config: {path, updates: [{key, value}]}}, leaving every other byte of the file as it was. Output:
 * {@code commitMessage} ("Updated path" and one {@code - key: value} line per update).
 */
public final class YamlUpdateStep implements PromotionStepRunner {

    public static final String NAME = "yaml-update";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode config) {
        try {
            StepConfig cfg = StepConfig.of(NAME, config, "path", "updates");
            String path = cfg.text("path");
            List<StepConfig> items = cfg.objects("updates", "key", "value");
            if (items.isEmpty()) {
                throw cfg.error("updates", "is required", "list at least one {key, value}");
            }
            List<YamlUpdate> updates = new ArrayList<>();
            for (StepConfig item : items) {
                updates.add(new YamlUpdate(key(item), item.value("value")));
            }
            update(cfg.path("path", context.workDir()), path, updates);
            StringBuilder message = new StringBuilder("Updated ").append(path).append('\n');
            updates.forEach(u -> message.append("\n- ").append(u.key().key()).append(": ").append(u.display()));
            return StepResult.succeeded(Map.of("commitMessage", message.toString()),
                    "updated " + updates.size() + (updates.size() == 1 ? " value" : " values") + " in " + path);
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        }
    }

    /** Applies {@code updates} to the YAML {@code file} written as {@code path}; shared by helm-update-image. */
    static void update(Path file, String path, List<YamlUpdate> updates) throws StepException {
        if (!Files.isRegularFile(file)) {
            throw new StepException("config.path '" + path + "' is not a file in the promotion's working directory");
        }
        YamlText yaml = YamlText.read(file, path);
        yaml.save(file, YamlUpdate.applyAll(yaml, updates));
    }

    /** The {@code key} field of {@code item}, parsed. */
    static YamlKeyPath key(StepConfig item) throws StepException {
        String key = item.text("key");
        try {
            return YamlKeyPath.parse(key);
        } catch (StepException e) {
            throw item.error("key", "is not a valid key: " + e.getMessage(), "");
        }
    }
}
