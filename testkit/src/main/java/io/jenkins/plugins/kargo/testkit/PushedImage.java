package io.jenkins.plugins.kargo.testkit;

import java.util.List;
import java.util.Map;

/**
 * What {@link ImagePush#push()} wrote.
 *
 * @param repository      the repository name, e.g. {@code services/user-service}
 * @param digest          digest of the top manifest the tags point at: the image manifest of a single-platform
 *                        image, else the index (manifest list)
 * @param mediaType       media type of that manifest
 * @param tags            the tags now pointing at {@code digest}
 * @param platformDigests image manifest digest per platform ({@code linux/arm/v7} to {@code sha256:...}), in the
 *                        order given; attestation manifests are not listed
 */
public record PushedImage(String repository, String digest, String mediaType, List<String> tags,
                          Map<String, String> platformDigests) {

    public PushedImage {
        tags = List.copyOf(tags);
        platformDigests = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(platformDigests));
    }

    /** The image manifest digest for one platform, e.g. {@code linux/amd64}. */
    public String digestFor(String platform) {
        String digest = platformDigests.get(platform);
        if (digest == null) {
            throw new IllegalArgumentException(repository + " was not pushed for " + platform + "; it has "
                    + platformDigests.keySet());
        }
        return digest;
    }
}
