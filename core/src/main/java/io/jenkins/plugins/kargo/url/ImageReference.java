package io.jenkins.plugins.kargo.url;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry and repository of an image reference, as go-containerregistry v0.21.7 (the version Kargo pins)
 * reads it with {@code name.ParseReference(s, name.WeakValidation)}: a tag reference is tried first, then a digest
 * reference. Kargo normalises chart repository URLs through this parser, so its quirks are part of Freight IDs:
 * the first path element is a registry only when it is {@code localhost} or holds a {@code .} or {@code :}
 * (so {@code https://host} reads as registry {@code https:} and repository {@code /host}), and a trailing
 * {@code :digits} after the host is taken for a tag.
 *
 * @param registry   the registry host, {@code index.docker.io} for Docker Hub
 * @param repository the repository path as written (without the implicit {@code library/})
 */
record ImageReference(String registry, String repository) {

    static final String DOCKER_HUB = "index.docker.io";

    private static final String TAG_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-.ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String REPOSITORY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-./";
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

    /** {@code name.ParseReference} with weak validation: empty where it returns an error. */
    static Optional<ImageReference> parse(String reference) {
        Optional<ImageReference> tagged = parseTagged(reference);
        return tagged.isPresent() ? tagged : parseDigested(reference);
    }

    /** {@code Repository.RepositoryStr()}: Docker Hub's official images live under {@code library/}. */
    String repositoryPath() {
        return hasImplicitNamespace() ? "library/" + repository : repository;
    }

    /** {@code Repository.Name()}. */
    String name() {
        return registry + "/" + repositoryPath();
    }

    private boolean hasImplicitNamespace() {
        return repository.indexOf('/') < 0 && registry.equals(DOCKER_HUB);
    }

    /** {@code name.NewTag}: an optional {@code :tag} that is not a {@code host:port} followed by a path. */
    private static Optional<ImageReference> parseTagged(String name) {
        String base = name;
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && name.indexOf('/', colon) < 0) {
            String tag = name.substring(colon + 1);
            if (!validElement(tag, TAG_CHARS, 1, 128)) {
                return Optional.empty();
            }
            base = name.substring(0, colon);
        }
        return parseRepository(base);
    }

    /** {@code name.NewDigest}: exactly one {@code @sha256:<64 hex>}; the part before it may carry a tag. */
    private static Optional<ImageReference> parseDigested(String name) {
        String[] parts = name.split("@", -1);
        if (parts.length != 2 || !parts[1].startsWith("sha256:")
                || !SHA256_HEX.matcher(parts[1].substring("sha256:".length())).matches()) {
            return Optional.empty();
        }
        String base = parseTagged(parts[0]).map(ImageReference::name).orElse(parts[0]);
        return parseRepository(base);
    }

    /** {@code name.NewRepository}. */
    private static Optional<ImageReference> parseRepository(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String registry = "";
        String repository = name;
        int slash = name.indexOf('/');
        if (slash >= 0) {
            String first = name.substring(0, slash);
            if (first.equals("localhost") || first.contains(".") || first.contains(":")) {
                registry = first;
                repository = name.substring(slash + 1);
            }
        }
        if (!validElement(repository, REPOSITORY_CHARS, 2, 255) || !validRegistry(registry)) {
            return Optional.empty();
        }
        if (registry.isEmpty() || registry.equals("docker.io")) {
            registry = DOCKER_HUB;
        }
        return Optional.of(new ImageReference(registry, repository));
    }

    /** {@code checkRegistry}: a valid RFC 3986 authority, i.e. Go's {@code url.Parse("//" + name).Host == name}. */
    private static boolean validRegistry(String registry) {
        return GoUrl.parse("//" + registry).map(url -> url.host().equals(registry)).orElse(false);
    }

    /** {@code checkElement}: a length in runes within bounds, and only the allowed characters. */
    private static boolean validElement(String element, String allowed, int minRunes, int maxRunes) {
        int runes = element.codePointCount(0, element.length());
        return runes >= minRunes && runes <= maxRunes && element.chars().allMatch(c -> allowed.indexOf(c) >= 0);
    }
}
