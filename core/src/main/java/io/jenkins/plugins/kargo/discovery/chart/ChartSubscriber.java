package io.jenkins.plugins.kargo.discovery.chart;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredArtifact;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.Subscriber;
import java.util.List;

/** Discovers chart versions from either kind of repository: {@code oci://} ones through OCI, the rest by index. */
public final class ChartSubscriber implements Subscriber<ChartSubscription> {

    private final Subscriber<ChartSubscription> repository;
    private final Subscriber<ChartSubscription> oci;

    /**
     * @param repository for classic {@code http(s)://} repositories, normally a {@link ChartRepositorySubscriber}
     * @param oci        for {@code oci://} repositories
     */
    public ChartSubscriber(Subscriber<ChartSubscription> repository, Subscriber<ChartSubscription> oci) {
        this.repository = repository;
        this.oci = oci;
    }

    @Override
    public List<? extends DiscoveredArtifact> discover(ChartSubscription subscription) throws DiscoveryException {
        return (subscription.isOci() ? oci : repository).discover(subscription);
    }

    @Override
    public List<? extends DiscoveredArtifact> discover(ChartSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        return (subscription.isOci() ? oci : repository).discover(subscription, credentials);
    }
}
