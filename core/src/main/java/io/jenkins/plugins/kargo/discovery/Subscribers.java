package io.jenkins.plugins.kargo.discovery;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.api.Subscription;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import java.util.List;

/** The subscriber for each kind of subscription; the one place that knows which class discovers what. */
public final class Subscribers {

    private final Subscriber<ImageSubscription> images;
    private final Subscriber<ChartSubscription> charts;
    private final Subscriber<NpmSubscription> packages;
    private final Subscriber<GitSubscription> commits;

    public Subscribers(Subscriber<ImageSubscription> images, Subscriber<ChartSubscription> charts,
                       Subscriber<NpmSubscription> packages, Subscriber<GitSubscription> commits) {
        this.images = images;
        this.charts = charts;
        this.packages = packages;
        this.commits = commits;
    }

    /** @see Subscriber#discover(Subscription, CredentialsProvider) */
    public List<? extends DiscoveredArtifact> discover(Subscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        if (subscription instanceof ImageSubscription image) {
            return images.discover(image, credentials);
        }
        if (subscription instanceof ChartSubscription chart) {
            return charts.discover(chart, credentials);
        }
        if (subscription instanceof NpmSubscription npm) {
            return packages.discover(npm, credentials);
        }
        return commits.discover((GitSubscription) subscription, credentials);
    }
}
