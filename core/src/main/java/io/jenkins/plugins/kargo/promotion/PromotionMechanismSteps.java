package io.jenkins.plugins.kargo.promotion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.api.ConfigException;
import io.jenkins.plugins.kargo.api.ConfigProblem;
import io.jenkins.plugins.kargo.api.PromotionMechanisms;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.ArgoCDAppUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.GitRepoUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.HelmImageUpdate;
import io.jenkins.plugins.kargo.api.PromotionMechanisms.KustomizeImageUpdate;
import io.jenkins.plugins.kargo.api.PromotionStep;
import io.jenkins.plugins.kargo.api.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The seed's legacy {@code promotionMechanisms} written as the promotion steps current Kargo would run, so that
 * there is one execution model. Per {@code gitRepoUpdates[n]} (n from 1), in a working copy {@code repo-n}:
 * <ol>
 *   <li>{@code git-clone} (alias {@code clone<n>}) of {@code readBranch}, or {@code writeBranch} when there is none;</li>
 *   <li>one {@code kustomize-set-image} per kustomization directory, or one {@code helm-update-image} per values
 *       file (aliases {@code update1}, {@code update2}, ... over the whole stage), the image's tag (or digest with
 *       {@code useDigest}) taken from the Freight with {@code imageFrom};</li>
 *   <li>{@code git-commit} ({@code commit<n>}) with a message naming the Freight, its alias, the stage and, through
 *       the update steps' {@code commitMessage} outputs, every image change;</li>
 *   <li>{@code git-push} ({@code push<n>}) to {@code writeBranch}.</li>
 * </ol>
 * Then, as Kargo v0.8 did after all git updates, one {@code argocd-update} ({@code argocd<n>}) per
 * {@code argoCDAppUpdates[n]}. Aliases are plain identifiers, so that {@code outputs.update1.commitMessage} needs
 * no brackets.
 */
public final class PromotionMechanismSteps {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final List<PromotionStep> steps = new ArrayList<>();
    private int updates;

    private PromotionMechanismSteps() {
    }

    public static List<PromotionStep> of(PromotionMechanisms mechanisms) throws ConfigException {
        PromotionMechanismSteps translation = new PromotionMechanismSteps();
        for (int n = 1; n <= mechanisms.gitRepoUpdates().size(); n++) {
            translation.gitRepoUpdate(mechanisms.gitRepoUpdates().get(n - 1), n);
        }
        for (int n = 1; n <= mechanisms.argoCDAppUpdates().size(); n++) {
            translation.argoCDAppUpdate(mechanisms.argoCDAppUpdates().get(n - 1), n);
        }
        return List.copyOf(translation.steps);
    }

    private void gitRepoUpdate(GitRepoUpdate update, int n) throws ConfigException {
        if (!update.helmCharts().isEmpty()) {
            throw new ConfigException(List.of(ConfigProblem.error(update.helmCharts().get(0).location(),
                    "helm.charts (updating an umbrella chart's dependencies) is not supported",
                    "pin the dependency versions in the chart's Chart.yaml, or write promotionTemplate.spec.steps")));
        }
        String dir = "repo-" + n;
        ObjectNode checkout = JSON.objectNode();
        String branch = update.readBranch().isEmpty() ? update.writeBranch() : update.readBranch();
        checkout.put("branch", branch);
        checkout.put("path", dir);
        ObjectNode clone = JSON.objectNode().put("repoURL", update.repoURL());
        clone.putArray("checkout").add(checkout);
        if (update.insecureSkipTLSVerify()) {
            clone.put("insecureSkipTLSVerify", true);
        }
        add("git-clone", "clone" + n, clone, update.location());

        List<String> aliases = new ArrayList<>();
        for (var entry : byPath(update.kustomizeImages(), KustomizeImageUpdate::path).entrySet()) {
            ObjectNode config = JSON.objectNode().put("path", dir + "/" + entry.getKey());
            ArrayNode images = config.putArray("images");
            for (KustomizeImageUpdate image : entry.getValue()) {
                String field = image.useDigest() ? "digest" : "tag";
                // imageFrom gives Kargo's field names: Tag, Digest
                String member = image.useDigest() ? "Digest" : "Tag";
                images.addObject().put("image", image.image())
                        .put(field, "${{ imageFrom(\"" + image.image() + "\")." + member + " }}");
            }
            aliases.add(add("kustomize-set-image", "update" + ++updates, config, entry.getValue().get(0).location()));
        }
        for (var entry : byPath(update.helmImages(), HelmImageUpdate::valuesFilePath).entrySet()) {
            ObjectNode config = JSON.objectNode().put("path", dir + "/" + entry.getKey());
            ArrayNode images = config.putArray("images");
            for (HelmImageUpdate image : entry.getValue()) {
                images.addObject().put("image", image.image()).put("key", image.key()).put("value", image.value().name());
            }
            aliases.add(add("helm-update-image", "update" + ++updates, config, entry.getValue().get(0).location()));
        }

        StringBuilder message = new StringBuilder("Promote Freight ${{ ctx.targetFreight.name }}"
                + " (${{ ctx.targetFreight.alias }}) to stage ${{ ctx.stage }}");
        aliases.forEach(alias -> message.append("\n\n${{ outputs.").append(alias).append(".commitMessage }}"));
        add("git-commit", "commit" + n, JSON.objectNode().put("path", dir).put("message", message.toString()),
                update.location());
        add("git-push", "push" + n, JSON.objectNode().put("path", dir).put("targetBranch", update.writeBranch()),
                update.location());
    }

    private void argoCDAppUpdate(ArgoCDAppUpdate update, int n) {
        ObjectNode config = JSON.objectNode();
        ArrayNode apps = config.putArray("apps");
        update.appNames().forEach(name -> apps.addObject().put("name", name).put("namespace", update.appNamespace()));
        add("argocd-update", "argocd" + n, config, update.location());
    }

    private String add(String uses, String alias, ObjectNode config, SourceLocation location) {
        steps.add(new PromotionStep(uses, alias, "", false, Optional.empty(), List.of(), config, location));
        return alias;
    }

    /** The updates grouped by file or directory, in the order first written. */
    private static <T> Map<String, List<T>> byPath(List<T> updates, Function<T, String> path) {
        Map<String, List<T>> grouped = new LinkedHashMap<>();
        updates.forEach(u -> grouped.computeIfAbsent(path.apply(u), p -> new ArrayList<>()).add(u));
        return grouped;
    }
}
