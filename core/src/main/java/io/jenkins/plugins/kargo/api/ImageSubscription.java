package io.jenkins.plugins.kargo.api;

import java.util.List;

/**
 * A container image repository to watch ({@code subscriptions[].image}).
 *
 * @param repoURL               registry host and repository, no tag ({@code harbor.example.com/services/user-service})
 * @param strategy              how tags are ranked
 * @param constraint            a semver range for SemVer (may be empty), the tracked tag for Digest
 * @param strictSemvers         only {@code X.Y.Z} (with optional leading {@code v}) qualifies as semver
 * @param allowTagsRegexes      RE2 patterns; when non-empty a tag must match one of them
 * @param ignoreTagsRegexes     RE2 patterns; a tag matching any of them is skipped (wins over allow)
 * @param platform              {@code os/arch[/variant]}, or empty for no platform filter
 * @param discoveryLimit        how many images to keep, 1..100
 * @param insecureSkipTLSVerify also allows plain HTTP to a registry that is not on loopback
 * @param cacheByTag            image metadata may be cached by tag (the user promises tags are immutable)
 */
public record ImageSubscription(
        String repoURL,
        ImageSelectionStrategy strategy,
        String constraint,
        boolean strictSemvers,
        List<String> allowTagsRegexes,
        List<String> ignoreTagsRegexes,
        String platform,
        int discoveryLimit,
        boolean insecureSkipTLSVerify,
        boolean cacheByTag,
        String name,
        SourceLocation location) implements Subscription {

    public static final int DEFAULT_DISCOVERY_LIMIT = 20;

    public ImageSubscription {
        allowTagsRegexes = List.copyOf(allowTagsRegexes);
        ignoreTagsRegexes = List.copyOf(ignoreTagsRegexes);
        constraint = constraint == null ? "" : constraint;
        platform = platform == null ? "" : platform;
        name = name == null ? "" : name;
    }
}
