package io.jenkins.plugins.kargo.discovery.image;

import io.jenkins.plugins.kargo.discovery.http.SchemePolicy;
import java.net.URI;
import java.util.Locale;

/**
 * A repository in an OCI registry, parsed from a repoURL the way Docker reads image references: the first path
 * component is the registry when it has a dot or a port or is {@code localhost}; otherwise the image is on Docker Hub
 * (and a single-component name lives under {@code library/}).
 *
 * @param registry {@code host[:port]}, e.g. {@code ghcr.io} or {@code 127.0.0.1:5000}
 * @param path     the repository path inside it, e.g. {@code team/app}
 */
public record ImageRepository(String registry, String path) {

    /** Docker Hub's API host; {@code docker.io} and {@code index.docker.io} are names for it. */
    public static final String DOCKER_HUB = "registry-1.docker.io";

    public ImageRepository {
        if (registry.isEmpty() || path.isEmpty()) {
            throw new IllegalArgumentException("an image repository needs a registry and a path");
        }
    }

    /**
     * @param repoURL {@code [oci://]host[:port]/path} or a Docker Hub name such as {@code nginx}; no tag or digest
     * @throws IllegalArgumentException with the reason when it is not a repository reference
     */
    public static ImageRepository parse(String repoURL) {
        String ref = repoURL.trim();
        if (ref.startsWith("oci://")) {
            ref = ref.substring("oci://".length());
        }
        if (ref.endsWith("/")) {
            ref = ref.substring(0, ref.length() - 1);
        }
        if (ref.isEmpty() || ref.contains("://")) {
            throw new IllegalArgumentException("'" + repoURL + "' is not an image repository reference"
                    + " (expected host[:port]/path, e.g. ghcr.io/org/app)");
        }
        if (ref.contains("@") || ref.substring(ref.lastIndexOf('/') + 1).contains(":")) {
            throw new IllegalArgumentException("image repository '" + repoURL
                    + "' must not carry a tag or digest; put the tag in the constraint instead");
        }
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        String registry;
        String path;
        if (!first.isEmpty() && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            registry = first;
            path = ref.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            path = ref.contains("/") ? ref : "library/" + ref;
        }
        if (registry.equals("docker.io") || registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
            path = path.contains("/") ? path : "library/" + path;
        }
        if (!path.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("image repository '" + repoURL + "' has an invalid path '" + path
                    + "' (lower-case letters, digits and separators . _ - /)");
        }
        return new ImageRepository(registry.toLowerCase(Locale.ROOT), path);
    }

    /** {@code scheme://host[:port]} following {@link SchemePolicy}. */
    public URI baseUri(boolean insecure) {
        return SchemePolicy.baseUri(registry, insecure);
    }

    @Override
    public String toString() {
        return registry + "/" + path;
    }
}
