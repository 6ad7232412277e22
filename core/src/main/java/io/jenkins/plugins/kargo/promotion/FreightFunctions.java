package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.expr.Arguments;
import io.jenkins.plugins.kargo.expr.ExpressionException;
import io.jenkins.plugins.kargo.expr.Functions;
import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightArtifact;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Kargo's Freight functions, seen by promotion steps and by verification args alike: {@code imageFrom},
 * {@code chartFrom}, {@code commitFrom}, {@code artifactFrom} and {@code warehouse}. Artifacts are returned as maps
 * with Kargo's field names ({@code RepoURL}, {@code Tag}, {@code Digest}, ...), or nil when the Freight has none from
 * that repository (so {@code imageFrom(r)?.Tag ?? 'x'} works). One instance per evaluation: it remembers the lookups
 * that found nothing, to explain an expression that then fails on their nil.
 */
public class FreightFunctions {

    private final FreightCollection freight;
    private final String described;
    /** Lookups that found nothing: an expression failing on their nil is explained by them. */
    private final List<String> misses = new CopyOnWriteArrayList<>();

    /**
     * @param described how errors name the Freight: {@code the Freight being promoted}, {@code the Freight being
     *                  verified}
     */
    public FreightFunctions(FreightCollection freight, String described) {
        this.freight = freight;
        this.described = described;
    }

    /** The functions: {@code imageFrom(repoURL[, origin])}, {@code chartFrom(repoURL[, name][, origin])}, ... */
    public Functions functions() {
        return Functions.builder()
                .add("warehouse", 1, a -> {
                    String name = a.string(0);
                    if (name.isBlank()) {
                        throw new IllegalArgumentException("warehouse(name): the name must not be empty");
                    }
                    return Map.of("Kind", "Warehouse", "Name", name);
                })
                .add("imageFrom", 1, 2, a -> {
                    String repoURL = a.string(0);
                    return first("imageFrom('" + repoURL + "')", "images", origin(a, 1), Freight::images,
                            i -> i.repoURL().equals(repoURL), FreightImage::repoURL, FreightFunctions::image);
                })
                .add("chartFrom", 1, 3, a -> {
                    String repoURL = a.string(0);
                    String name = a.size() > 1 && a.get(1) instanceof String n ? n : "";
                    Map<?, ?> origin = origin(a, a.size() > 1 && a.get(1) instanceof String ? 2 : 1);
                    boolean anyName = name.isEmpty();
                    return first("chartFrom('" + repoURL + "'" + (anyName ? "" : ", '" + name + "'") + ")", "charts",
                            origin, Freight::charts, c -> c.repoURL().equals(repoURL)
                                    && (anyName || c.name().equals(name)),
                            c -> c.name().isEmpty() ? c.repoURL() : c.repoURL() + " (" + c.name() + ")",
                            FreightFunctions::chart);
                })
                .add("commitFrom", 1, 2, a -> {
                    String repoURL = a.string(0);
                    return first("commitFrom('" + repoURL + "')", "commits", origin(a, 1), Freight::commits,
                            c -> c.repoURL().equals(repoURL), FreightCommit::repoURL, FreightFunctions::commit);
                })
                .add("artifactFrom", 1, 2, a -> {
                    String subscription = a.string(0);
                    return first("artifactFrom('" + subscription + "')", "artifacts", origin(a, 1),
                            Freight::artifacts, x -> x.subscriptionName().equals(subscription),
                            FreightArtifact::subscriptionName, FreightFunctions::artifact);
                })
                .build();
    }

    /** The optional {@code warehouse(name)} argument at {@code index}: null when not given. */
    private static Map<?, ?> origin(Arguments a, int index) {
        if (a.size() <= index) {
            return null;
        }
        if (a.get(index) instanceof Map<?, ?> origin && origin.containsKey("Kind") && origin.containsKey("Name")) {
            return origin;
        }
        throw new IllegalArgumentException(a.function() + "(): argument " + (index + 1) + " must be a Freight"
                + " origin, such as warehouse('name'), not " + Arguments.typeOf(a.get(index)));
    }

    /**
     * The expression's error with the lookups that found nothing (the usual cause of a nil), e.g. {@code ...
     * (imageFrom('x') found nothing; the Freight being promoted has images from: a, b)}.
     */
    public static String explained(ExpressionException e, FreightFunctions functions) {
        String misses = functions.explainMisses();
        return misses.isEmpty() ? e.getMessage() : e.getMessage() + " (" + misses + ")";
    }

    /** Why an expression may have met nil: the lookups that found nothing; empty when every lookup found something. */
    String explainMisses() {
        return String.join("; ", misses);
    }

    private <T> Map<String, Object> first(String call, String kind, Map<?, ?> origin,
                                          Function<Freight, List<T>> artifacts, Predicate<T> wanted,
                                          Function<T, String> describe, Function<T, Map<String, Object>> shape) {
        List<T> candidates = freight.items().stream()
                .filter(f -> origin == null || (Objects.equals(origin.get("Kind"), f.origin().kind())
                        && Objects.equals(origin.get("Name"), f.origin().name())))
                .flatMap(f -> artifacts.apply(f).stream())
                .toList();
        Optional<T> found = candidates.stream().filter(wanted).findFirst();
        if (found.isEmpty()) {
            List<String> present = candidates.stream().map(describe).distinct().toList();
            misses.add(call + " found nothing; " + described
                    + (origin == null ? "" : " from " + origin.get("Kind") + "/" + origin.get("Name")) + " has "
                    + (present.isEmpty() ? "no " + kind : kind + " from: " + String.join(", ", present)));
        }
        return found.map(shape).orElse(null);
    }

    private static Map<String, Object> image(FreightImage image) {
        return fields("RepoURL", image.repoURL(), "Tag", image.tag(), "Digest", image.digest(),
                "Annotations", image.annotations());
    }

    private static Map<String, Object> chart(FreightChart chart) {
        return fields("RepoURL", chart.repoURL(), "Name", chart.name(), "Version", chart.version());
    }

    private static Map<String, Object> commit(FreightCommit commit) {
        return fields("RepoURL", commit.repoURL(), "ID", commit.id(), "Branch", commit.branch(), "Tag", commit.tag(),
                "Message", commit.message(), "Author", commit.author(), "Committer", commit.committer());
    }

    private static Map<String, Object> artifact(FreightArtifact artifact) {
        return fields("ArtifactType", artifact.artifactType(), "SubscriptionName", artifact.subscriptionName(),
                "Version", artifact.version(), "Metadata", artifact.metadata());
    }

    /** An ordered map that keeps empty fields as empty strings, as Kargo's structs do. */
    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
