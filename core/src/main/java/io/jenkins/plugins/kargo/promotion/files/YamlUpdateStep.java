package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
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
            Config cfg = StepConfig.bind(NAME, config, Config.class);
            String path = cfg.path();
            List<YamlUpdate> updates = new ArrayList<>();
            for (int i = 0; i < cfg.updates().size(); i++) {
                Update item = cfg.updates().get(i);
                updates.add(new YamlUpdate(key("config.updates[" + i + "].key", item.key()), item.value()));
            }
            update(WorkDirPath.resolve(context.workDir(), "config.path", path), path, updates);
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

    /** The step's {@code config}, bound by {@link StepConfig}. */
    record Config(String path, List<Update> updates) {
        Config {
            require(present(path), "path", "is required", "set it to a non-empty string");
            require(updates != null && !updates.isEmpty(), "updates", "is required", "list at least one {key, value}");
            updates = List.copyOf(updates);
        }
    }

    /** One entry of {@code config.updates}: any value, null included (Jackson binds it as NullNode), but it must be there. */
    record Update(String key, JsonNode value) {
        Update {
            require(present(key), "key", "is required", "set it to a non-empty string");
            require(value != null, "value", "is required", "");
        }
    }

    /** The key given in {@code field}, parsed. */
    static YamlKeyPath key(String field, String key) throws StepException {
        try {
            return YamlKeyPath.parse(key);
        } catch (StepException e) {
            throw StepConfig.error(field, "is not a valid key: " + e.getMessage(), "");
        }
    }
}
