package io.jenkins.plugins.kargo.promotion.argocd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.jenkins.plugins.kargo.api.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code config} of an {@code argocd-update} step, as Kargo's {@code argocd-update-config.json} schema has it,
 * plus an optional {@code timeout} (a Go duration such as {@code 5m}) for the wait, which Kargo sets on the step
 * instead.
 */
public record ArgoCdUpdateConfig(List<AppUpdate> apps, String timeout) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ArgoCdUpdateConfig {
        require(apps != null && !apps.isEmpty(), "'apps' must list at least one Application");
        apps = List.copyOf(apps);
        if (timeout != null) {
            try {
                require(!GoDuration.parse(timeout).isZero(), "'timeout' must be longer than 0s");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'timeout' is '" + timeout + "', not a duration such as 30s, 5m or 1h30m");
            }
        }
    }

    /**
     * Reads step configuration.
     *
     * @throws IllegalArgumentException naming the field (as {@code apps[0].sources[1].repoURL}) and what is wrong
     */
    public static ArgoCdUpdateConfig parse(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("argocd-update needs a config object with 'apps'");
        }
        try {
            return MAPPER.treeToValue(config, ArgoCdUpdateConfig.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(describe(e), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("argocd-update config: " + e.getOriginalMessage(), e);
        }
    }

    public Optional<Duration> timeoutDuration() {
        return Optional.ofNullable(timeout).map(GoDuration::parse);
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        String where = "argocd-update config" + (path.isEmpty() ? "" : " field '" + path + "'");
        if (e instanceof UnrecognizedPropertyException unknown) {
            return where + " is not a known field; known here: " + unknown.getKnownPropertyIds();
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return where + ": " + e.getCause().getMessage();
        }
        return where + ": " + e.getOriginalMessage();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
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
            require(isBlank(name) != (selector == null), "give either 'name' or 'selector', not both and not neither");
            require(namespace == null || !namespace.isBlank(), "'namespace' must not be empty (leave it out for argocd)");
            namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
            require(sources == null || !sources.isEmpty(), "'sources' must not be empty (leave it out to only sync)");
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
            require(!matchLabels.isEmpty() || !matchExpressions.isEmpty(),
                    "'selector' needs at least one entry in 'matchLabels' or 'matchExpressions'");
        }
    }

    /** A {@code matchExpressions} entry. */
    public record LabelRequirement(String key, String operator, List<String> values) {

        public LabelRequirement {
            require(!isBlank(key), "'key' is required");
            require(List.of("In", "NotIn", "Exists", "DoesNotExist").contains(operator),
                    "'operator' is '" + operator + "'; use In, NotIn, Exists or DoesNotExist");
            values = values == null ? List.of() : List.copyOf(values);
            boolean needsValues = operator.equals("In") || operator.equals("NotIn");
            require(needsValues != values.isEmpty(), needsValues
                    ? "operator " + operator + " needs 'values'" : "operator " + operator + " takes no 'values'");
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
            require(!isBlank(repoURL), "'repoURL' is required");
            require(chart == null || !chart.isEmpty(), "'chart' must not be empty");
            require(desiredRevision == null || !desiredRevision.isEmpty(), "'desiredRevision' must not be empty");
            require(!updateTargetRevision || desiredRevision != null,
                    "'updateTargetRevision: true' needs 'desiredRevision'");
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
            require(!isBlank(repoURL), "'repoURL' is required");
            require(isBlank(tag) || isBlank(digest), "give 'tag' or 'digest', not both");
            require(newName == null || !newName.isEmpty(), "'newName' must not be empty");
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
            require(images != null && !images.isEmpty(), "'images' must list at least one parameter");
            images = List.copyOf(images);
        }
    }

    /** A Helm parameter: {@code key} set to {@code value}. */
    public record HelmParameter(String key, String value) {

        public HelmParameter {
            require(!isBlank(key), "'key' is required");
            require(value != null, "'value' is required");
        }
    }
}
