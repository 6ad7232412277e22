package io.jenkins.plugins.kargo.discovery;

import io.jenkins.plugins.kargo.api.Subscription;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import java.util.List;

/** Discovers the versions of one kind of artifact. One implementation per kind (image, chart, npm, git). */
public interface Subscriber<S extends Subscription> {

    /**
     * @return the versions found, best candidate first, at most the subscription's discovery limit; an empty list
     *         means nothing matched (which the caller treats as "no Freight", never as a downgrade)
     */
    List<? extends DiscoveredArtifact> discover(S subscription) throws DiscoveryException;

    /**
     * As {@link #discover(Subscription)}, with {@code credentials} instead of the ones the subscriber was made with:
     * the engine passes the credentials of the warehouse's project (its own Secrets first). Subscribers that use
     * credentials override it; others ignore them.
     */
    default List<? extends DiscoveredArtifact> discover(S subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        return discover(subscription);
    }
}
