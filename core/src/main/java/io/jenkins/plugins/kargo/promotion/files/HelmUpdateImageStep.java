package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmImageValue;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kargo v1.0's {@code helm-update-image} ({@code internal/directives/helm_image_updater.go}; later replaced by
 * {@code yaml-update}): writes images of the promoted Freight into a Helm values file.
 * {@code config: {path, images: [{image, key, value, fromOrigin?: {kind, name}}]}}, where {@code value} is
 * {@code ImageAndTag} ({@code repo:tag}), {@code Tag}, {@code ImageAndDigest} ({@code repo@digest}) or {@code Digest}.
 * The file is edited as by {@link YamlUpdateStep}. Output: {@code commitMessage}, "Updated path to use new image(s)"
 * and one line per image.
 */
public final class HelmUpdateImageStep implements PromotionStepRunner {

    public static final String NAME = "helm-update-image";

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
            List<String> references = new ArrayList<>();
            for (int i = 0; i < cfg.images().size(); i++) {
                Image entry = cfg.images().get(i);
                String field = "config.images[" + i + "]";
                FreightImage image = find(context, field, entry);
                HelmImageValue value = entry.value();
                boolean byDigest = value == HelmImageValue.ImageAndDigest || value == HelmImageValue.Digest;
                String reference = image.repoURL() + (byDigest ? "@" + image.digest() : ":" + image.tag());
                String written = switch (value) {
                    case ImageAndTag, ImageAndDigest -> reference;
                    case Tag -> image.tag();
                    case Digest -> image.digest();
                };
                updates.add(new YamlUpdate(YamlUpdateStep.key(field + ".key", entry.key()), TextNode.valueOf(written)));
                references.add(reference);
            }
            YamlUpdateStep.update(WorkDirPath.resolve(context.workDir(), "config.path", path), path, updates);
            StringBuilder message = new StringBuilder("Updated ").append(path).append(" to use new image")
                    .append(references.size() > 1 ? "s" : "").append('\n');
            references.forEach(r -> message.append("\n- ").append(r));
            return StepResult.succeeded(Map.of("commitMessage", message.toString()),
                    "set " + String.join(", ", references) + " in " + path);
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        }
    }

    /**
     * The image of repository {@code image} in the Freight; with several Freight carrying it, {@code fromOrigin}
     * says which (Kargo's {@code freight.FindImage}).
     */
    private static FreightImage find(StepContext context, String field, Image entry) throws StepException {
        String repoURL = entry.image();
        Optional<Origin> origin = Optional.ofNullable(entry.fromOrigin());
        List<Freight> carriers = new ArrayList<>();
        for (Freight freight : context.freight().items()) {
            if (freight.images().stream().anyMatch(i -> i.repoURL().equals(repoURL))) {
                carriers.add(freight);
            }
        }
        if (origin.isPresent()) {
            String kind = origin.get().kind();
            String name = origin.get().name();
            carriers.removeIf(f -> !f.origin().name().equals(name) || !kind.isEmpty() && !f.origin().kind().equals(kind));
        }
        if (carriers.isEmpty()) {
            throw StepConfig.error(field + ".image", "'" + repoURL + "' is not in the Freight being promoted"
                    + (origin.isEmpty() ? "" : " from that origin"), "name a repository the Stage's Warehouse subscribes to");
        }
        if (carriers.size() > 1) {
            throw StepConfig.error(field + ".image", "'" + repoURL + "' is in Freight from " + carriers.stream()
                    .map(f -> f.origin().toString()).toList(), "set fromOrigin {kind: Warehouse, name} to choose one");
        }
        return carriers.get(0).images().stream().filter(i -> i.repoURL().equals(repoURL)).findFirst().orElseThrow();
    }

    /** The step's {@code config}, bound by {@link StepConfig}. */
    record Config(String path, List<Image> images) {
        Config {
            require(present(path), "path", "is required", "set it to a non-empty string");
            require(images != null && !images.isEmpty(), "images", "is required", "list at least one {image, key, value}");
            images = List.copyOf(images);
        }
    }

    /** One entry of {@code config.images}. */
    record Image(String image, String key, HelmImageValue value, Origin fromOrigin) {
        Image {
            require(present(image), "image", "is required", "set it to a non-empty string");
            require(present(key), "key", "is required", "set it to a non-empty string");
            require(value != null, "value", "is required", "one of ImageAndTag, Tag, ImageAndDigest, Digest");
        }
    }

    /** {@code fromOrigin}: which Freight's image, when several carry the repository; {@code kind} may be left out. */
    record Origin(String kind, String name) {
        Origin {
            require(present(name), "name", "is required", "name the Warehouse");
            kind = kind == null ? "" : kind;
        }
    }
}
