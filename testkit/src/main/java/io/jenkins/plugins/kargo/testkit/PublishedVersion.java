package io.jenkins.plugins.kargo.testkit;

/**
 * One package version that {@link NpmPublisher} published.
 *
 * @param tarball   the URL the registry serves the tarball at (as written in {@code dist.tarball})
 * @param integrity Subresource Integrity of the tarball, {@code sha512-<base64>}
 * @param shasum    SHA-1 of the tarball in hex, as npm's {@code dist.shasum}
 */
public record PublishedVersion(String name, String version, String distTag, String tarball, String integrity,
                               String shasum) {
}
