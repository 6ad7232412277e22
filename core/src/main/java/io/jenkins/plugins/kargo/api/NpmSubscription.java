package io.jenkins.plugins.kargo.api;

/**
 * An npm package to watch ({@code subscriptions[].npm}), e.g. {@code @yourorg/utils} on a Verdaccio registry.
 *
 * @param repoURL          the registry's base URL
 * @param packageName      the package, scoped ({@code @scope/name}) or not
 * @param declaredAsChart  the user wrote a {@code chart:} entry that points at an npm registry (the seed does);
 *                         such packages are recorded in Freight as charts so the Freight ID equals Kargo's
 */
public record NpmSubscription(
        String repoURL,
        String packageName,
        String constraint,
        int discoveryLimit,
        boolean insecureSkipTLSVerify,
        boolean declaredAsChart,
        String name,
        SourceLocation location) implements Subscription {

    public NpmSubscription {
        constraint = constraint == null ? "" : constraint;
        name = name == null ? "" : name;
    }
}
