package io.jenkins.plugins.kargo.discovery.image;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a manifest or index says about an image, independent of the tag that pointed at it, so it can be cached by
 * digest.
 *
 * @param digest      {@code sha256:...} of the manifest or index
 * @param createdAt   build date by Kargo's rules, null when nothing tells
 * @param annotations the manifest's or index's own annotations
 * @param platforms   for an index, its image entries (attestations skipped); empty for a single manifest
 * @param runsOn      for a single manifest, the os, architecture and variant its config names; null for an index,
 *                    or when the config names no os or architecture
 */
public record ImageMetadata(String digest, Instant createdAt, Map<String, String> annotations,
                            List<PlatformImage> platforms, Platform runsOn) {

    /**
     * One image of an index.
     *
     * @param createdAt   the entry's annotation date, else the image's own build date
     * @param annotations the entry's descriptor annotations
     */
    public record PlatformImage(Platform platform, Instant createdAt, Map<String, String> annotations) {
        public PlatformImage {
            annotations = Map.copyOf(annotations);
        }
    }

    public ImageMetadata {
        annotations = Map.copyOf(annotations);
        platforms = List.copyOf(platforms);
    }

    /** The index entry for exactly this platform; always empty for a single manifest. */
    public Optional<PlatformImage> platform(Platform wanted) {
        return platforms.stream().filter(p -> p.platform().equals(wanted)).findFirst();
    }

    /**
     * Whether a subscription's {@code platform} selects this image: an index by an entry with exactly that platform
     * (as Kargo's code), a single manifest by its config ({@link Platform#admits}, Kargo's documented contract).
     */
    public boolean matches(Platform wanted) {
        return runsOn == null ? platform(wanted).isPresent() : wanted.admits(runsOn);
    }

    /** The platforms this image offers, for a message: its entries', or its config's ("unknown" when none). */
    public List<String> offered() {
        if (!platforms.isEmpty()) {
            return platforms.stream().map(p -> p.platform().toString()).toList();
        }
        return List.of(runsOn == null ? "unknown" : runsOn.toString());
    }

    /** Annotations as Kargo reports them: the image's, overlaid with the matching platform entry's. */
    public Map<String, String> annotationsFor(Platform wanted) {
        if (wanted == null) {
            return annotations;
        }
        Map<String, String> merged = new HashMap<>(annotations);
        platform(wanted).ifPresent(p -> merged.putAll(p.annotations()));
        return merged;
    }
}
