package io.jenkins.plugins.kargo.freight;

import io.jenkins.plugins.kargo.api.FreightOrigin;
import io.jenkins.plugins.kargo.url.GoPath;
import io.jenkins.plugins.kargo.url.RepoUrls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Kargo's Freight ID ({@code pkg/api/freight.go} {@code GenerateFreightID}): the SHA-1 of the origin and a sorted,
 * canonical string per artifact, so the same artifacts from the same Warehouse always give the same 40-hex name,
 * the one Kargo itself would give.
 */
public final class FreightId {

    private FreightId() {
    }

    /** The ID of {@code freight}'s artifacts and origin; its current name and alias play no part. */
    public static String of(Freight freight) {
        return of(freight.origin(), freight.commits(), freight.images(), freight.charts(), freight.artifacts());
    }

    public static String of(FreightOrigin origin, List<FreightCommit> commits, List<FreightImage> images,
                            List<FreightChart> charts, List<FreightArtifact> artifacts) {
        List<String> parts = new ArrayList<>();
        commits.forEach(commit -> parts.add(part(commit)));
        images.forEach(image -> parts.add(part(image)));
        charts.forEach(chart -> parts.add(part(chart)));
        artifacts.forEach(artifact -> parts.add(part(artifact)));
        // Go sorts strings by their UTF-8 bytes; String.compareTo compares UTF-16 units, which differs beyond the BMP
        parts.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return sha1Hex(origin + ":" + String.join("|", parts));
    }

    private static String part(FreightCommit commit) {
        String base = RepoUrls.normalizeGit(commit.repoURL()) + ":"
                // the tag is part of the ID so that re-tagging one commit yields new Freight
                + (commit.tag().isEmpty() ? "" : commit.tag() + ":") + commit.id();
        return withSubscription(base, commit.subscriptionName());
    }

    private static String part(FreightImage image) {
        // both tag and digest: a mutable tag moved to a new digest, or a digest re-tagged, is new Freight
        return withSubscription(image.repoURL() + ":" + image.tag() + "@" + image.digest(), image.subscriptionName());
    }

    private static String part(FreightChart chart) {
        String base = GoPath.join(RepoUrls.normalizeChart(chart.repoURL()), chart.name()) + ":" + chart.version();
        return withSubscription(base, chart.subscriptionName());
    }

    private static String part(FreightArtifact artifact) {
        return artifact.artifactType() + ":" + artifact.subscriptionName() + ":" + artifact.version();
    }

    private static String withSubscription(String base, String subscriptionName) {
        return subscriptionName.isEmpty() ? base : base + ":" + subscriptionName;
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
