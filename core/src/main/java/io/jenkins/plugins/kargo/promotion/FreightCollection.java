package io.jenkins.plugins.kargo.promotion;

import io.jenkins.plugins.kargo.freight.Freight;
import io.jenkins.plugins.kargo.freight.FreightChart;
import io.jenkins.plugins.kargo.freight.FreightCommit;
import io.jenkins.plugins.kargo.freight.FreightImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The Freight a promotion puts into a stage: one per origin the stage requests (Kargo's FreightCollection). Its
 * {@link #id()} is Kargo's: the SHA-1 of the sorted Freight names joined with {@code ,}.
 */
public record FreightCollection(List<Freight> items) {

    public FreightCollection {
        items = List.copyOf(items);
    }

    public String id() {
        String joined = String.join(",", items.stream().map(Freight::name).sorted().toList());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** Kargo's {@code imageFrom(repoURL)}: the image of that repository in any Freight of the collection. */
    public Optional<FreightImage> imageFrom(String repoURL) {
        return items.stream().flatMap(f -> f.images().stream()).filter(i -> i.repoURL().equals(repoURL)).findFirst();
    }

    /** Kargo's {@code chartFrom(repoURL[, name])}. */
    public Optional<FreightChart> chartFrom(String repoURL, String name) {
        return items.stream().flatMap(f -> f.charts().stream())
                .filter(c -> c.repoURL().equals(repoURL) && (name == null || name.isEmpty() || c.name().equals(name)))
                .findFirst();
    }

    /** Kargo's {@code commitFrom(repoURL)}. */
    public Optional<FreightCommit> commitFrom(String repoURL) {
        return items.stream().flatMap(f -> f.commits().stream()).filter(c -> c.repoURL().equals(repoURL)).findFirst();
    }
}
