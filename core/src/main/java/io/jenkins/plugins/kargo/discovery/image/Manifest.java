package io.jenkins.plugins.kargo.discovery.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A manifest or index as the registry served it.
 *
 * @param digest    {@code Docker-Content-Digest}, else the sha256 of the body
 * @param mediaType from the body's {@code mediaType}, else the {@code Content-Type}
 * @param json      the parsed body
 */
public record Manifest(String digest, String mediaType, JsonNode json) {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** What we ask for: every image type Kargo understands. */
    static final String[] ACCEPTED = {OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST};

    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> IMAGES = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

    public boolean isIndex() {
        return INDEXES.contains(mediaType);
    }

    public boolean isImage() {
        return IMAGES.contains(mediaType);
    }
}
