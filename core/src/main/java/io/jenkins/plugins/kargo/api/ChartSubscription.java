package io.jenkins.plugins.kargo.api;

/**
 * A Helm chart to watch ({@code subscriptions[].chart}): a classic repository ({@code https://.../index.yaml} with
 * {@code chartName}) or an OCI repository ({@code oci://host/path/chart}, no chart name).
 */
public record ChartSubscription(
        String repoURL,
        String chartName,
        String semverConstraint,
        int discoveryLimit,
        boolean insecureSkipTLSVerify,
        String name,
        SourceLocation location) implements Subscription {

    public ChartSubscription {
        chartName = chartName == null ? "" : chartName;
        semverConstraint = semverConstraint == null ? "" : semverConstraint;
        name = name == null ? "" : name;
    }

    public boolean isOci() {
        return repoURL.startsWith("oci://");
    }
}
