package io.jenkins.plugins.kargo.discovery.chart;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredChart;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.Subscriber;
import io.jenkins.plugins.kargo.discovery.image.ImageRepository;
import io.jenkins.plugins.kargo.discovery.image.OciRegistryClient;
import io.jenkins.plugins.kargo.semver.SemverRange;
import io.jenkins.plugins.kargo.tags.TagFilter;
import io.jenkins.plugins.kargo.tags.TagOrder;
import java.util.List;

/**
 * Discovers chart versions in an OCI registry ({@code oci://host/path/chart}) as Kargo does
 * ({@code pkg/helm/chart/oci_selector.go}): list the repository's tags, read {@code _} as {@code +} (OCI tags cannot
 * hold {@code +}, so Helm writes build metadata with {@code _}), keep strict semantic versions (Masterminds'
 * {@code StrictNewVersion}: full {@code X.Y.Z}, no leading {@code v}) that the range admits, highest first, at most
 * {@code discoveryLimit}. Credentials are looked up as {@link CredentialKind#helm}.
 */
public final class OciChartSubscriber implements Subscriber<ChartSubscription> {

    private final OciRegistryClient registries;
    private final CredentialsProvider credentials;

    public OciChartSubscriber(OciRegistryClient registries, CredentialsProvider credentials) {
        this.registries = registries;
        this.credentials = credentials;
    }

    /** @throws DiscoveryException naming the repository, where it was declared, and what failed */
    @Override
    public List<DiscoveredChart> discover(ChartSubscription subscription) throws DiscoveryException {
        return discover(subscription, credentials);
    }

    @Override
    public List<DiscoveredChart> discover(ChartSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        try {
            if (!subscription.isOci()) {
                throw new IllegalArgumentException("not an oci:// repository; classic repositories are read by "
                        + ChartRepositorySubscriber.class.getSimpleName());
            }
            if (!subscription.chartName().isEmpty()) {
                throw new IllegalArgumentException("for an oci:// repository the chart is the last part of repoURL;"
                        + " remove name '" + subscription.chartName() + "'");
            }
            SemverRange range = SemverRange.parse(subscription.semverConstraint());
            List<String> tags = registries.repository(ImageRepository.parse(subscription.repoURL()),
                    credentials.find(subscription.repoURL(), CredentialKind.helm).orElse(null),
                    subscription.insecureSkipTLSVerify()).listTags();
            List<String> versions = tags.stream()
                    .filter(tag -> !tag.startsWith("v")) // strict: Masterminds' StrictNewVersion refuses a leading v
                    .map(tag -> tag.replace('_', '+'))
                    .toList();
            return TagOrder.bySemver(versions, TagFilter.allowAll(), range, true).stream()
                    .limit(Math.max(1, subscription.discoveryLimit()))
                    .map(version -> new DiscoveredChart(subscription.repoURL(), "", version))
                    .toList();
        } catch (DiscoveryException | IllegalArgumentException e) {
            throw new DiscoveryException("chart " + subscription.repoURL() + " (" + subscription.location() + "): "
                    + e.getMessage(), e);
        }
    }
}
