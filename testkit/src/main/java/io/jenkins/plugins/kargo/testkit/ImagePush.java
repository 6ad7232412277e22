package io.jenkins.plugins.kargo.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One image to push, described fluently and written by {@link #push()}. One platform gives an image manifest;
 * several (or {@link #asIndex()}, or an attestation) give an OCI index / Docker manifest list over one image
 * manifest per platform. Each image has one tiny generated layer whose content names the repository and platform,
 * so platforms get distinct digests while the same description always gives the same digest.
 *
 * <p>Defaults: platform {@code linux/amd64}, created {@link Instant#EPOCH} (as reproducible builds write), OCI
 * format, no tag (the manifest is stored by digest only).
 */
public final class ImagePush {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTESTATION_LAYER_MEDIA_TYPE = "application/vnd.in-toto+json";

    private final OciImagePusher pusher;
    private final String repository;
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<Platform> platforms = new LinkedHashSet<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final Map<String, String> indexAnnotations = new LinkedHashMap<>();
    private Instant created = Instant.EPOCH;
    private ImageFormat format = ImageFormat.OCI;
    private boolean index;
    private boolean attestation;

    ImagePush(OciImagePusher pusher, String repository) {
        if (!repository.matches("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("'" + repository + "' is not a repository name such as services/user-service");
        }
        this.pusher = pusher;
        this.repository = repository;
    }

    public ImagePush tag(String tag) {
        if (!tag.matches("[\\w][\\w.-]{0,127}")) {
            throw new IllegalArgumentException("'" + tag + "' is not a valid tag (letters, digits, _ . -, at most 128)");
        }
        tags.add(tag);
        return this;
    }

    /** Many tags for the same manifest: stored with concurrent PUTs, cheap enough for ten thousand. */
    public ImagePush tags(Collection<String> many) {
        many.forEach(this::tag);
        return this;
    }

    /** Adds a platform, {@code os/architecture[/variant]}, e.g. {@code linux/arm/v7}. */
    public ImagePush platform(String platform) {
        platforms.add(Platform.parse(platform));
        return this;
    }

    public ImagePush platforms(String... many) {
        for (String platform : many) {
            platform(platform);
        }
        return this;
    }

    /** The image config's {@code created} time (and its history entry's). */
    public ImagePush created(Instant time) {
        this.created = time;
        return this;
    }

    /** A label in the image config ({@code config.Labels}), e.g. {@code org.label-schema.build-date}. */
    public ImagePush label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** An annotation on each image manifest, e.g. {@code org.opencontainers.image.created}; OCI format only. */
    public ImagePush annotation(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    /** An annotation on the index itself; implies {@link #asIndex()}; OCI format only. */
    public ImagePush indexAnnotation(String key, String value) {
        indexAnnotations.put(key, value);
        index = true;
        return this;
    }

    /** OCI (default) or Docker schema 2 manifests and manifest list. */
    public ImagePush format(ImageFormat format) {
        this.format = format;
        return this;
    }

    /** Writes an index even for a single platform. */
    public ImagePush asIndex() {
        index = true;
        return this;
    }

    /**
     * Adds, per platform, an attestation manifest to the index as BuildKit writes it: platform {@code unknown/unknown},
     * annotations {@code vnd.docker.reference.type: attestation-manifest} and {@code vnd.docker.reference.digest}.
     */
    public ImagePush withAttestation() {
        attestation = true;
        index = true;
        return this;
    }

    /** Uploads blobs and manifests and sets the tags; returns what was written. */
    public PushedImage push() {
        if (format == ImageFormat.DOCKER && !(annotations.isEmpty() && indexAnnotations.isEmpty())) {
            throw new IllegalStateException("Docker schema 2 manifests carry no annotations: use format(ImageFormat.OCI)"
                    + " or labels for " + repository);
        }
        List<Platform> targets = platforms.isEmpty() ? List.of(Platform.parse("linux/amd64")) : List.copyOf(platforms);
        boolean writeIndex = index || targets.size() > 1;
        List<String> tagList = List.copyOf(tags);
        Map<String, String> platformDigests = new LinkedHashMap<>();
        if (!writeIndex) {
            byte[] manifest = imageManifest(targets.get(0));
            String digest = pusher.pushManifest(repository, format.manifestMediaType(), manifest, tagList);
            platformDigests.put(targets.get(0).toString(), digest);
            return new PushedImage(repository, digest, format.manifestMediaType(), tagList, platformDigests);
        }
        ArrayNode entries = JSON.createArrayNode();
        for (Platform platform : targets) {
            byte[] manifest = imageManifest(platform);
            String digest = pusher.pushManifest(repository, format.manifestMediaType(), manifest);
            platformDigests.put(platform.toString(), digest);
            entries.add(descriptor(format.manifestMediaType(), digest, manifest.length).set("platform", platform.toJson()));
        }
        if (attestation) {
            for (Platform platform : targets) {
                entries.add(attestationEntry(platform, platformDigests.get(platform.toString())));
            }
        }
        ObjectNode indexNode = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", format.indexMediaType());
        indexNode.set("manifests", entries);
        putAnnotations(indexNode, indexAnnotations);
        String digest = pusher.pushManifest(repository, format.indexMediaType(), bytes(indexNode), tagList);
        return new PushedImage(repository, digest, format.indexMediaType(), tagList, platformDigests);
    }

    private byte[] imageManifest(Platform platform) {
        byte[] tar = new InMemoryTarball()
                .file("etc/kargo-test/image", repository + "\n" + platform + "\n")
                .tar();
        byte[] layer = InMemoryTarball.gzip(tar);
        String layerDigest = pusher.pushBlob(repository, layer);

        ObjectNode config = platform.toJson();
        config.put("created", created.toString());
        ObjectNode runConfig = config.putObject("config");
        if (!labels.isEmpty()) {
            labels.forEach(runConfig.putObject("Labels")::put);
        }
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        rootfs.putArray("diff_ids").add(Digests.sha256(tar));
        config.putArray("history").addObject()
                .put("created", created.toString())
                .put("created_by", "kargo testkit ImagePush");
        byte[] configBytes = bytes(config);
        String configDigest = pusher.pushBlob(repository, configBytes);

        ObjectNode manifest = manifest(format.manifestMediaType(), format.configMediaType(), configDigest,
                configBytes.length, format.layerMediaType(), layerDigest, layer.length);
        putAnnotations(manifest, annotations);
        return bytes(manifest);
    }

    /** An in-toto statement in an OCI manifest, as BuildKit stores provenance next to each platform image. */
    private ObjectNode attestationEntry(Platform platform, String imageDigest) {
        ObjectNode statement = JSON.createObjectNode()
                .put("_type", "https://in-toto.io/Statement/v0.1")
                .put("predicateType", "https://slsa.dev/provenance/v0.2");
        statement.putArray("subject").addObject().put("name", repository + "@" + platform)
                .putObject("digest").put("sha256", imageDigest.substring("sha256:".length()));
        byte[] layer = bytes(statement);
        String layerDigest = pusher.pushBlob(repository, layer);

        ObjectNode config = Platform.UNKNOWN.toJson();
        config.putObject("config");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(layerDigest);
        byte[] configBytes = bytes(config);
        String configDigest = pusher.pushBlob(repository, configBytes);

        ObjectNode manifest = manifest(ImageFormat.OCI.manifestMediaType(), ImageFormat.OCI.configMediaType(),
                configDigest, configBytes.length, ATTESTATION_LAYER_MEDIA_TYPE, layerDigest, layer.length);
        ((ObjectNode) manifest.withArray("layers").get(0)).putObject("annotations")
                .put("in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2");
        byte[] manifestBytes = bytes(manifest);
        String digest = pusher.pushManifest(repository, ImageFormat.OCI.manifestMediaType(), manifestBytes);

        ObjectNode entry = descriptor(ImageFormat.OCI.manifestMediaType(), digest, manifestBytes.length);
        entry.putObject("annotations")
                .put("vnd.docker.reference.digest", imageDigest)
                .put("vnd.docker.reference.type", "attestation-manifest");
        entry.set("platform", Platform.UNKNOWN.toJson());
        return entry;
    }

    private static ObjectNode manifest(String mediaType, String configMediaType, String configDigest, long configSize,
                                       String layerMediaType, String layerDigest, long layerSize) {
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", mediaType);
        manifest.set("config", descriptor(configMediaType, configDigest, configSize));
        manifest.putArray("layers").add(descriptor(layerMediaType, layerDigest, layerSize));
        return manifest;
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
    }

    private static void putAnnotations(ObjectNode node, Map<String, String> values) {
        if (!values.isEmpty()) {
            values.forEach(node.putObject("annotations")::put);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    @Override
    public String toString() {
        return "ImagePush[" + repository + " " + tags + " " + platforms + "]";
    }
}
