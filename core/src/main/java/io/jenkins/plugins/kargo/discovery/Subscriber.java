package io.jenkins.plugins.kargo.discovery;

import io.jenkins.plugins.kargo.api.Subscription;
import java.util.List;

/** Discovers the versions of one kind of artifact. One implementation per kind (image, chart, npm, git). */
public interface Subscriber<S extends Subscription> {

    /**
     * @return the versions found, best candidate first, at most the subscription's discovery limit; an empty list
     *         means nothing matched (which the caller treats as "no Freight", never as a downgrade)
     */
    List<? extends DiscoveredArtifact> discover(S subscription) throws DiscoveryException;
}
