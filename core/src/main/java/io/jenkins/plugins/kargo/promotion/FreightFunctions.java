package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import io.jenkins.plugins.kargo.promotion.expression.CommonFunctions;
import io.jenkins.plugins.kargo.promotion.expression.ExpressionException;
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
 * {@code chartFrom}, {@code commitFrom}, {@code warehouse}, plus {@link CommonFunctions}. Artifacts are returned as
 * maps with Kargo's field names ({@code RepoURL}, {@code Tag}, {@code Digest}, ...), or null when the Freight has
 * none from that repository (so {@code imageFrom(r)?.Tag ?? 'x'} works).
 */
public class FreightFunctions extends CommonFunctions {

    private final FreightCollection freight;
    private final String described;
    /** Lookups that found nothing: an expression failing on their null is explained by them. */
    private final List<String> misses = new CopyOnWriteArrayList<>();

    /**
     * @param described how errors name the Freight: {@code the Freight being promoted}, {@code the Freight being
     *                  verified}
     */
    public FreightFunctions(FreightCollection freight, String described) {
        this.freight = freight;
        this.described = described;
    }

    public Map<String, Object> warehouse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("warehouse(name): the name must not be empty");
        }
        return Map.of("Kind", "Warehouse", "Name", name);
    }

    public Map<String, Object> imageFrom(String repoURL) {
        return imageFrom(repoURL, null);
    }

    public Map<String, Object> imageFrom(String repoURL, Map<String, Object> origin) {
        return first("imageFrom('" + repoURL + "')", "images", origin, Freight::images,
                i -> i.repoURL().equals(repoURL), FreightImage::repoURL, FreightFunctions::image);
    }

    public Map<String, Object> chartFrom(String repoURL) {
        return chartFrom(repoURL, "", null);
    }

    public Map<String, Object> chartFrom(String repoURL, String name) {
        return chartFrom(repoURL, name, null);
    }

    public Map<String, Object> chartFrom(String repoURL, Map<String, Object> origin) {
        return chartFrom(repoURL, "", origin);
    }

    public Map<String, Object> chartFrom(String repoURL, String name, Map<String, Object> origin) {
        boolean anyName = name == null || name.isEmpty();
        return first("chartFrom('" + repoURL + "'" + (anyName ? "" : ", '" + name + "'") + ")", "charts", origin,
                Freight::charts, c -> c.repoURL().equals(repoURL) && (anyName || c.name().equals(name)),
                c -> c.name().isEmpty() ? c.repoURL() : c.repoURL() + " (" + c.name() + ")", FreightFunctions::chart);
    }

    public Map<String, Object> commitFrom(String repoURL) {
        return commitFrom(repoURL, null);
    }

    public Map<String, Object> commitFrom(String repoURL, Map<String, Object> origin) {
        return first("commitFrom('" + repoURL + "')", "commits", origin, Freight::commits,
                c -> c.repoURL().equals(repoURL), FreightCommit::repoURL, FreightFunctions::commit);
    }

    /**
     * The expression's error with the lookups that found nothing (the usual cause of a null), e.g. {@code ... (imageFrom('x')
     * found nothing; the Freight being promoted has images from: a, b)}. Static, so that expressions cannot call it.
     */
    public static String explained(ExpressionException e, FreightFunctions functions) {
        String misses = functions.explainMisses();
        return misses.isEmpty() ? e.getMessage() : e.getMessage() + " (" + misses + ")";
    }

    /** Why an expression may have met null: the lookups that found nothing; empty when every lookup found something. */
    String explainMisses() {
        return String.join("; ", misses);
    }

    private <T> Map<String, Object> first(String call, String kind, Map<String, Object> origin,
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

    /** An ordered map that keeps empty fields as empty strings, as Kargo's structs do. */
    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
