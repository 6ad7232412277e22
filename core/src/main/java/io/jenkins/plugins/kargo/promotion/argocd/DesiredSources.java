package io.jenkins.plugins.kargo.promotion.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdateConfig.AppUpdate;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdateConfig.HelmParameter;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdateConfig.KustomizeImage;
import io.jenkins.plugins.kargo.promotion.argocd.ArgoCdUpdateConfig.SourceUpdate;
import io.jenkins.plugins.kargo.url.RepoUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Application's sources as {@code argocd-update} wants them, and the revision each must be observed synced to
 * (empty where the configuration names none), indexed like {@code spec.sources} (Kargo's
 * {@code buildDesiredSources} and {@code getDesiredRevisions}).
 */
record DesiredSources(List<ObjectNode> sources, List<Optional<String>> revisions) {

    DesiredSources {
        sources = List.copyOf(sources);
        revisions = List.copyOf(revisions);
    }

    /**
     * @throws IllegalArgumentException when a source update matches none of the Application's sources
     */
    static DesiredSources of(AppUpdate update, ArgoCdApplication app) {
        List<ObjectNode> sources = app.sources();
        List<Optional<String>> revisions = new ArrayList<>();
        for (ObjectNode source : sources) {
            revisions.add(update.sources().stream().filter(u -> matches(u, source)).findFirst()
                    .flatMap(SourceUpdate::revision));
        }
        for (SourceUpdate sourceUpdate : update.sources()) {
            ObjectNode source = sources.stream().filter(s -> matches(sourceUpdate, s)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no source of Argo CD Application " + app.ref()
                            + " has repoURL " + sourceUpdate.repoURL()
                            + (sourceUpdate.chart() == null ? "" : " and chart '" + sourceUpdate.chart() + "'")
                            + "; its sources are " + describe(sources)));
            apply(sourceUpdate, source);
        }
        return new DesiredSources(sources, revisions);
    }

    boolean hasDesiredRevision() {
        return revisions.stream().anyMatch(Optional::isPresent);
    }

    /**
     * Helm chart sources match on exact {@code repoURL} and {@code chart}; git sources on Kargo's normalised git
     * URL (so {@code .git}, case and a trailing slash do not matter).
     */
    private static boolean matches(SourceUpdate update, JsonNode source) {
        String repoURL = source.path("repoURL").asText("");
        String chart = source.path("chart").asText("");
        if (!chart.isEmpty() || update.chart() != null) {
            return repoURL.equals(update.repoURL()) && chart.equals(update.chart());
        }
        return RepoUrls.normalizeGit(repoURL).equals(RepoUrls.normalizeGit(update.repoURL()));
    }

    private static void apply(SourceUpdate update, ObjectNode source) {
        if (update.updateTargetRevision()) {
            source.put("targetRevision", update.desiredRevision());
        }
        if (update.kustomize() != null && !update.kustomize().images().isEmpty()) {
            ArrayNode images = source.withObjectProperty("kustomize").putArray("images");
            update.kustomize().images().stream().map(KustomizeImage::asKustomizeImage).forEach(images::add);
        }
        if (update.helm() != null) {
            ObjectNode helm = source.withObjectProperty("helm");
            ArrayNode parameters = helm.path("parameters").isArray()
                    ? (ArrayNode) helm.get("parameters") : helm.putArray("parameters");
            for (HelmParameter parameter : update.helm().images()) {
                upsert(parameters, parameter);
            }
        }
    }

    private static void upsert(ArrayNode parameters, HelmParameter parameter) {
        for (JsonNode existing : parameters) {
            if (existing.path("name").asText().equals(parameter.key())) {
                ((ObjectNode) existing).put("value", parameter.value());
                return;
            }
        }
        parameters.addObject().put("name", parameter.key()).put("value", parameter.value());
    }

    private static String describe(List<ObjectNode> sources) {
        if (sources.isEmpty()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : sources) {
            String chart = s.path("chart").asText("");
            out.add(s.path("repoURL").asText("") + (chart.isEmpty() ? "" : " (chart '" + chart + "')"));
        }
        return String.join(", ", out);
    }
}
