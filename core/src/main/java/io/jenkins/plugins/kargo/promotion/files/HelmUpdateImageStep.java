package io.jenkins.plugins.kargo.promotion.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmImageValue;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepResult;
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
            StepConfig cfg = StepConfig.of(NAME, config, "path", "images");
            String path = cfg.text("path");
            List<StepConfig> images = cfg.objects("images", "image", "key", "value", "fromOrigin");
            if (images.isEmpty()) {
                throw cfg.error("images", "is required", "list at least one {image, key, value}");
            }
            List<YamlUpdate> updates = new ArrayList<>();
            List<String> references = new ArrayList<>();
            for (StepConfig entry : images) {
                FreightImage image = find(context, entry);
                HelmImageValue value = value(entry);
                boolean byDigest = value == HelmImageValue.ImageAndDigest || value == HelmImageValue.Digest;
                String reference = image.repoURL() + (byDigest ? "@" + image.digest() : ":" + image.tag());
                String written = switch (value) {
                    case ImageAndTag, ImageAndDigest -> reference;
                    case Tag -> image.tag();
                    case Digest -> image.digest();
                };
                updates.add(new YamlUpdate(YamlUpdateStep.key(entry), TextNode.valueOf(written)));
                references.add(reference);
            }
            YamlUpdateStep.update(cfg.path("path", context.workDir()), path, updates);
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
    private static FreightImage find(StepContext context, StepConfig entry) throws StepException {
        String repoURL = entry.text("image");
        Optional<StepConfig> origin = entry.object("fromOrigin", "kind", "name");
        List<Freight> carriers = new ArrayList<>();
        for (Freight freight : context.freight().items()) {
            if (freight.images().stream().anyMatch(i -> i.repoURL().equals(repoURL))) {
                carriers.add(freight);
            }
        }
        if (origin.isPresent()) {
            String kind = origin.get().optionalText("kind");
            String name = origin.get().text("name");
            carriers.removeIf(f -> !f.origin().name().equals(name) || !kind.isEmpty() && !f.origin().kind().equals(kind));
        }
        if (carriers.isEmpty()) {
            throw entry.error("image", "'" + repoURL + "' is not in the Freight being promoted"
                    + (origin.isEmpty() ? "" : " from that origin"), "name a repository the Stage's Warehouse subscribes to");
        }
        if (carriers.size() > 1) {
            throw entry.error("image", "'" + repoURL + "' is in Freight from " + carriers.stream()
                    .map(f -> f.origin().toString()).toList(), "set fromOrigin {kind: Warehouse, name} to choose one");
        }
        return carriers.get(0).images().stream().filter(i -> i.repoURL().equals(repoURL)).findFirst().orElseThrow();
    }

    private static HelmImageValue value(StepConfig entry) throws StepException {
        String value = entry.text("value");
        try {
            return HelmImageValue.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw entry.error("value", "'" + value + "' is not one of ImageAndTag, Tag, ImageAndDigest, Digest", "");
        }
    }
}
