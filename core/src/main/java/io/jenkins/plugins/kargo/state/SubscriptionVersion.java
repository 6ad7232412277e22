package io.jenkins.plugins.kargo.state;

/** The newest version seen so far for one subscription. */
public record SubscriptionVersion(SubscriptionRef subscription, String version) {
}
