package io.jenkins.plugins.kargo.promotion.argocd;

import static io.jenkins.plugins.kargo.promotion.StepConfig.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kargo.api.GoDuration;
import io.jenkins.plugins.kargo.promotion.StepConfig;
import io.jenkins.plugins.kargo.promotion.StepException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code config} of an {@code argocd-update} step, as Kargo's {@code argocd-update-config.json} schema has it,
 * plus an optional {@code timeout} (a Go duration such as {@code 5m}) for the wait, which Kargo sets on the step
 * instead.
 */
public record ArgoCdUpdateConfig(List<AppUpdate> apps, String timeout) {

    public ArgoCdUpdateConfig {
        require(apps != null && !apps.isEmpty(), "apps", "is required", "list at least one Application");
        apps = List.copyOf(apps);
        require(timeout == null || GoDuration.isGo(timeout) && !GoDuration.parse(timeout).isZero(), "timeout",
                "is '" + timeout + "', not a positive duration", "write it as Go does, e.g. 30s, 5m or 1h30m");
    }

    /**
     * Reads step configuration.
     *
     * @throws StepException naming the field (as {@code config.apps[0].sources[1].repoURL}), its value and the fix
     */
    public static ArgoCdUpdateConfig parse(JsonNode config) throws StepException {
        return StepConfig.bind(ArgoCdUpdater.NAME, config, ArgoCdUpdateConfig.class);
    }

    public Optional<Duration> timeoutDuration() {
        return Optional.ofNullable(timeout).map(GoDuration::parse);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * One {@code apps[]} entry: an Application by {@code name}, or every Application matching {@code selector}, in
     * {@code namespace} (default {@code argocd}).
     */
    public record AppUpdate(String name, String namespace, AppSelector selector, List<SourceUpdate> sources) {

        public static final String DEFAULT_NAMESPACE = "argocd";

        public AppUpdate {
            require(isBlank(name) != (selector == null), "", selector == null ? "names no Application"
                    : "sets both name and selector", "give either name or selector");
            require(namespace == null || !namespace.isBlank(), "namespace", "is empty", "leave it out for argocd");
            namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
            require(sources == null || !sources.isEmpty(), "sources", "is empty", "leave it out to only sync");
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        String describe() {
            return name != null ? "'" + namespace + "/" + name + "'" : "matching " + selector + " in '" + namespace + "'";
        }
    }

    /** Kubernetes label selector: every entry must hold. */
    public record AppSelector(Map<String, String> matchLabels, List<LabelRequirement> matchExpressions) {

        public AppSelector {
            matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
            matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
            require(!matchLabels.isEmpty() || !matchExpressions.isEmpty(), "", "selects nothing",
                    "give at least one entry in matchLabels or matchExpressions");
        }
    }

    /** A {@code matchExpressions} entry. */
    public record LabelRequirement(String key, String operator, List<String> values) {

        public LabelRequirement {
            require(!isBlank(key), "key", "is required", "");
            require(operator != null && List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator), "operator",
                    "is '" + operator + "'", "use In, NotIn, Exists or DoesNotExist");
            values = values == null ? List.of() : List.copyOf(values);
            boolean needsValues = operator.equals("In") || operator.equals("NotIn");
            require(needsValues != values.isEmpty(), "values", needsValues ? "is required by operator " + operator
                    : "is not taken by operator " + operator, needsValues ? "list the values" : "remove it");
        }
    }

    /**
     * Which Application source to change (by {@code repoURL} and, for Helm chart repositories, {@code chart}) and
     * how. {@code desiredRevision} is what the source must be observed synced to; {@code updateTargetRevision}
     * also points the source's {@code targetRevision} at it.
     */
    public record SourceUpdate(String repoURL, String chart, String desiredRevision, boolean updateTargetRevision,
                               KustomizeImages kustomize, HelmImages helm) {

        public SourceUpdate {
            require(!isBlank(repoURL), "repoURL", "is required", "name the source's repository");
            require(chart == null || !chart.isEmpty(), "chart", "is empty", "name the chart or leave it out");
            require(desiredRevision == null || !desiredRevision.isEmpty(), "desiredRevision", "is empty",
                    "give the revision or leave it out");
            require(!updateTargetRevision || desiredRevision != null, "updateTargetRevision",
                    "is true without desiredRevision", "give desiredRevision to point the source at");
        }

        Optional<String> revision() {
            return Optional.ofNullable(desiredRevision);
        }
    }

    /** {@code kustomize.images}: replaces the source's kustomize images. */
    public record KustomizeImages(List<KustomizeImage> images) {

        public KustomizeImages {
            images = images == null ? List.of() : List.copyOf(images);
        }
    }

    /** One kustomize image override: {@code repoURL[=newName]} with a {@code tag} or a {@code digest}. */
    public record KustomizeImage(String repoURL, String tag, String digest, String newName) {

        public KustomizeImage {
            require(!isBlank(repoURL), "repoURL", "is required", "name the image");
            require(isBlank(tag) || isBlank(digest), "", "sets both tag and digest", "give tag or digest, not both");
            require(newName == null || !newName.isEmpty(), "newName", "is empty", "give the new name or leave it out");
        }

        /** Argo CD's kustomize image string, as Kargo writes it. */
        String asKustomizeImage() {
            String image = newName == null ? repoURL : repoURL + "=" + newName;
            return isBlank(digest) ? image + ":" + (tag == null ? "" : tag) : image + "@" + digest;
        }
    }

    /** {@code helm.images}: Helm parameters to set on the source. */
    public record HelmImages(List<HelmParameter> images) {

        public HelmImages {
            require(images != null && !images.isEmpty(), "images", "is required", "list at least one parameter");
            images = List.copyOf(images);
        }
    }

    /** A Helm parameter: {@code key} set to {@code value}. */
    public record HelmParameter(String key, String value) {

        public HelmParameter {
            require(!isBlank(key), "key", "is required", "");
            require(value != null, "value", "is required", "");
        }
    }
}
