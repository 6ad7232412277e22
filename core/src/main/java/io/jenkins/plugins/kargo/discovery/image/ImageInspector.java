package io.jenkins.plugins.kargo.discovery.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what an image is (digest, build date, annotations, platforms) and remembers it by digest, as Kargo's
 * {@code pkg/image/cache.go} does: a manifest never changes under its digest, so once seen, an image costs one
 * {@code HEAD} of its tag. With {@code cacheByTag} (the user promises immutable tags) even that is skipped.
 * Thread-safe; one instance per engine.
 */
public final class ImageInspector {

    /** Kargo's {@code MAX_IMAGE_CACHE_ENTRIES}. */
    public static final long DEFAULT_MAX_ENTRIES = 100_000;

    private static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

    private final Cache<String, ImageMetadata> byDigest;
    private final Cache<String, ImageMetadata> byTag;

    public ImageInspector() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public ImageInspector(long maxEntries) {
        this.byDigest = Caffeine.newBuilder().maximumSize(maxEntries).build();
        this.byTag = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /**
     * The image a tag points at now.
     *
     * @param cacheByTag trust a previous answer for this tag without asking the registry
     * @return empty when the tag does not exist
     * @throws DiscoveryException on registry failures, an index with no image in it, or an unknown artifact type
     */
    public Optional<ImageMetadata> inspectTag(OciRegistryClient.Repository repository, String tag, boolean cacheByTag)
            throws DiscoveryException {
        String tagKey = repository.name() + ":" + tag;
        if (cacheByTag) {
            ImageMetadata known = byTag.getIfPresent(tagKey);
            if (known != null) {
                return Optional.of(known);
            }
        }
        Optional<String> digest = repository.manifestDigest(tag);
        ImageMetadata known = digest.map(byDigest::getIfPresent).orElse(null);
        if (known == null) {
            // No HEAD digest means either "no such tag" or a registry that omits the header: GET tells which.
            Optional<Manifest> manifest = repository.manifest(digest.orElse(tag));
            if (manifest.isEmpty()) {
                return Optional.empty();
            }
            known = read(repository, manifest.get(), tag);
            byDigest.put(known.digest(), known);
        }
        if (cacheByTag) {
            byTag.put(tagKey, known);
        }
        return Optional.of(known);
    }

    /** How many images are cached (by digest); for reports and tests. */
    public long cachedImages() {
        byDigest.cleanUp();
        return byDigest.estimatedSize();
    }

    private ImageMetadata inspectDigest(OciRegistryClient.Repository repository, String digest) throws DiscoveryException {
        ImageMetadata known = byDigest.getIfPresent(digest);
        if (known != null) {
            return known;
        }
        Manifest manifest = repository.manifest(digest).orElseThrow(() -> new DiscoveryException(
                repository.name() + ": the index refers to " + digest + ", which the registry does not have"));
        ImageMetadata read = read(repository, manifest, digest);
        byDigest.put(digest, read);
        return read;
    }

    private ImageMetadata read(OciRegistryClient.Repository repository, Manifest manifest, String reference)
            throws DiscoveryException {
        if (manifest.isIndex()) {
            return readIndex(repository, manifest, reference);
        }
        if (manifest.isImage()) {
            return readImage(repository, manifest);
        }
        throw new DiscoveryException(repository.name() + ":" + reference + " is not an image (media type '"
                + manifest.mediaType() + "'); the repository holds another kind of artifact");
    }

    /** Kargo's {@code getImageFromV1ImageIndex}. */
    private ImageMetadata readIndex(OciRegistryClient.Repository repository, Manifest index, String reference)
            throws DiscoveryException {
        List<ImageMetadata.PlatformImage> platforms = new ArrayList<>();
        Instant newest = null;
        for (JsonNode entry : index.json().path("manifests")) {
            JsonNode p = entry.path("platform");
            String os = p.path("os").asText("");
            String arch = p.path("architecture").asText("");
            if (os.isEmpty() || arch.isEmpty() || os.equals("unknown") || arch.equals("unknown")) {
                continue; // not an image: an attestation or another artifact riding in the index
            }
            ImageMetadata image = inspectDigest(repository, entry.path("digest").asText());
            Map<String, String> entryAnnotations = strings(entry.path("annotations"));
            Instant created = BuildDates.fromMetadata(entryAnnotations).orElse(image.createdAt());
            if (created != null && (newest == null || created.isAfter(newest))) {
                newest = created;
            }
            platforms.add(new ImageMetadata.PlatformImage(
                    new Platform(os, arch, p.path("variant").asText("")), created, entryAnnotations));
        }
        if (platforms.isEmpty()) {
            throw new DiscoveryException(repository.name() + ":" + reference
                    + ": empty V2 manifest list or OCI index is not supported (it holds no image with a platform)");
        }
        Map<String, String> annotations = strings(index.json().path("annotations"));
        // An index is immutable, so it cannot be older than the newest image it references.
        Instant created = BuildDates.fromMetadata(annotations).orElse(newest);
        return new ImageMetadata(index.digest(), created, annotations, platforms, null);
    }

    /**
     * Kargo's {@code getImageFromV1Image}: the config blob gives {@code created} and the labels; and, unlike Kargo's
     * code, its {@code os}, {@code architecture} and {@code variant}, so that a platform constraint can select it.
     */
    private ImageMetadata readImage(OciRegistryClient.Repository repository, Manifest manifest) throws DiscoveryException {
        Map<String, String> annotations = strings(manifest.json().path("annotations"));
        String configDigest = manifest.json().path("config").path("digest").asText("");
        Map<String, String> labels = Map.of();
        Instant configCreated = null;
        Platform runsOn = null;
        if (!configDigest.isEmpty()) {
            JsonNode config = repository.blobJson(configDigest, MAX_CONFIG_BYTES);
            labels = strings(config.path("config").path("Labels"));
            configCreated = BuildDates.rfc3339(config.path("created").asText(null)).orElse(null);
            String os = config.path("os").asText("");
            String arch = config.path("architecture").asText("");
            if (!os.isEmpty() && !arch.isEmpty()) {
                runsOn = new Platform(os, arch, config.path("variant").asText(""));
            }
        }
        return new ImageMetadata(manifest.digest(), BuildDates.forImage(annotations, labels, configCreated),
                annotations, List.of(), runsOn);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                map.put(e.getKey(), e.getValue().asText());
            }
        });
        return map;
    }
}
