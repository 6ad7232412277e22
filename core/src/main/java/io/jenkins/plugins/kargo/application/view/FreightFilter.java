package io.jenkins.plugins.kargo.application.view;

import io.jenkins.plugins.kargo.api.Maturity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Freight a timeline shows; every part is optional and they all must match.
 *
 * @param warehouse only Freight from this warehouse (an unknown one is an error listing the known ones)
 * @param names     only these Freight, by name or alias (an unknown one is an error)
 * @param maturity  only Freight whose maturity (the least mature of its versions) is one of these: {@code alpha},
 *                  {@code beta}, {@code stable}
 * @param artifact  only Freight with this artifact: an image's or git repository's URL, a chart's
 *                  {@code repoURL/name}, a package's subscription name, as {@link FreightCard.Artifact#repository()}
 * @param text      only Freight whose alias, name or a version contains this text, in any case
 */
public record FreightFilter(Optional<String> warehouse, List<String> names, Set<String> maturity,
                            Optional<String> artifact, Optional<String> text) {

    public static final FreightFilter ALL = new FreightFilter(Optional.empty(), List.of());

    /** @throws IllegalArgumentException for a maturity other than alpha, beta or stable */
    public FreightFilter {
        names = List.copyOf(names);
        Set<String> known = new TreeSet<>();
        for (String m : maturity) {
            known.add(Maturity.named(m).orElseThrow(() -> new IllegalArgumentException("maturity '" + m
                    + "' is not one of alpha, beta, stable")).yamlName());
        }
        maturity = Set.copyOf(known);
        text = text.map(String::strip).filter(t -> !t.isEmpty());
    }

    /** Freight from one warehouse, and only those named. */
    public FreightFilter(Optional<String> warehouse, List<String> names) {
        this(warehouse, names, Set.of(), Optional.empty(), Optional.empty());
    }

    /** Whether a Freight of the project matches every part of the filter. */
    boolean admits(String warehouse, String name, String alias, List<FreightCard.Artifact> artifacts) {
        if (this.warehouse.isPresent() && !this.warehouse.get().equals(warehouse)
                || !names.isEmpty() && !names.contains(name) && !names.contains(alias)
                || artifact.isPresent() && artifacts.stream().noneMatch(a -> a.repository().equals(artifact.get()))) {
            return false;
        }
        if (!maturity.isEmpty() && !FreightArtifacts.maturity(artifacts).filter(maturity::contains).isPresent()) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        String wanted = text.get().toLowerCase(Locale.ROOT);
        return alias.toLowerCase(Locale.ROOT).contains(wanted) || name.toLowerCase(Locale.ROOT).contains(wanted)
                || artifacts.stream().anyMatch(a -> a.version().toLowerCase(Locale.ROOT).contains(wanted));
    }
}
