package io.jenkins.plugins.kargo.api;

/**
 * One entry of a Warehouse's {@code spec.subscriptions}: where to look for new versions of one artifact.
 * Exactly one kind per entry, as in Kargo's {@code api/v1alpha1/warehouse_types.go}.
 */
public sealed interface Subscription permits ImageSubscription, ChartSubscription, NpmSubscription, GitSubscription {

    /** The optional {@code name} of the entry; part of the Freight ID when set (Kargo's {@code subscriptionName}). */
    String name();

    /** The repository this subscription watches, as the user wrote it. */
    String repoURL();

    /** Where the entry was declared, for error messages. */
    SourceLocation location();
}
