package io.jenkins.plugins.kargo.promotion.files;

import static io.jenkins.plugins.kargo.promotion.StepConfig.listOrEmpty;
import static io.jenkins.plugins.kargo.promotion.StepConfig.present;
import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.FreightCollection;
import io.jenkins.plugins.kargo.promotion.PromotionStepRunner;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepContext;
import io.jenkins.plugins.kargo.promotion.StepException;
import io.jenkins.plugins.kargo.promotion.StepResult;
import io.jenkins.plugins.kargo.promotion.WorkDirPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kargo's {@code kustomize-set-image}: sets images in the kustomization file of directory {@code config.path}.
 * {@code config.images[]{image, name?, newName?, tag | digest}} name them; without {@code images}, every image of the
 * promoted Freight is set (name = repository, {@code newTag} and {@code digest} from the Freight). Output:
 * {@code commitMessage}, "Updated path to use new image(s)" and one {@code - image:tag@digest} line per image set.
 */
public final class KustomizeSetImageStep implements PromotionStepRunner {

    public static final String NAME = "kustomize-set-image";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context, JsonNode config) {
        try {
            Config cfg = StepConfig.bind(NAME, config, Config.class);
            String path = cfg.path();
            Kustomization kustomization = Kustomization.find(context.workDir(),
                    WorkDirPath.resolve(context.workDir(), "config.path", path), path);
            Map<String, KustomizeImage> existing = kustomization.images();
            Map<String, KustomizeImage> targets = new TreeMap<>();
            if (cfg.images().isEmpty()) {
                targets.putAll(fromFreight(context.freight()));
            }
            cfg.images().forEach(r -> targets.put(r.name(),
                    KustomizeImage.target(r.name(), r.newName(), r.tag(), r.digest(), existing.get(r.name()))));
            if (targets.isEmpty()) {
                return StepResult.succeeded(Map.of(), "no images to set in " + path);
            }
            boolean changed = kustomization.yaml().save(kustomization.file(), kustomization.withImages(targets.values()));
            StringBuilder message = new StringBuilder("Updated ").append(path).append(" to use new image")
                    .append(targets.size() > 1 ? "s" : "").append('\n');
            targets.values().forEach(t -> message.append("\n- ").append(t.reference()));
            return StepResult.succeeded(Map.of("commitMessage", message.toString()),
                    (changed ? "set " : "already set: ") + String.join(", ", targets.values().stream()
                            .map(KustomizeImage::reference).toList()) + " in " + kustomization.yaml().name());
        } catch (StepException e) {
            return StepResult.errored(NAME + ": " + e.getMessage());
        }
    }

    /** The step's {@code config}, bound by {@link StepConfig}. */
    record Config(String path, List<Image> images) {
        Config {
            require(present(path), "path", "is required", "set it to a non-empty string");
            images = listOrEmpty(images);
        }
    }

    /** One entry of {@code config.images}, checked before any file is read; {@code name} defaults to the image. */
    record Image(String image, String name, String newName, String tag, String digest) {
        Image {
            require(present(image), "image", "is required", "set it to a non-empty string");
            require(present(tag) != present(digest), present(tag) ? "digest" : "tag",
                    present(tag) ? "excludes tag" : "is required (or digest)", "set exactly one of tag and digest");
            name = present(name) ? name : image;
            newName = newName == null ? "" : newName;
            tag = tag == null ? "" : tag;
            digest = digest == null ? "" : digest;
        }
    }

    /**
     * Every image of the Freight, named by repository. Kargo refuses this when two requested origins subscribe to one
     * repository ("ambiguous"); here the Freight of each origin is what is known, so it is refused when two Freight
     * carry the same repository.
     */
    private static Map<String, KustomizeImage> fromFreight(FreightCollection freight) throws StepException {
        Map<String, Freight> carriers = new LinkedHashMap<>();
        Map<String, KustomizeImage> targets = new TreeMap<>();
        for (Freight item : freight.items()) {
            for (FreightImage image : item.images()) {
                Freight other = carriers.putIfAbsent(image.repoURL(), item);
                if (other != null && !other.name().equals(item.name())) {
                    throw new StepException("manual configuration required due to ambiguous result: image "
                            + image.repoURL() + " is in Freight from " + other.origin() + " and from " + item.origin()
                            + "; list config.images with the tag or digest to set");
                }
                targets.put(image.repoURL(), KustomizeImage.target(image.repoURL(), "", image.tag(), image.digest(), null));
            }
        }
        return targets;
    }
}
