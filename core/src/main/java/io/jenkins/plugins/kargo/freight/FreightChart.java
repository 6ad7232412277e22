package io.jenkins.plugins.kargo.freight;

/** A chart in a Freight: Kargo's {@code charts[]{repoURL, name, version, subscriptionName}}. */
public record FreightChart(String repoURL, String name, String version, String subscriptionName) {

    public FreightChart {
        name = name == null ? "" : name;
        subscriptionName = subscriptionName == null ? "" : subscriptionName;
    }
}
