package io.jenkins.plugins.kargo.discovery.chart;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredChart;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.Subscriber;
import io.jenkins.plugins.kargo.discovery.http.Authorization;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.discovery.http.RegistryRequest;
import io.jenkins.plugins.kargo.discovery.http.RegistryResponse;
import io.jenkins.plugins.kargo.discovery.http.SchemePolicy;
import io.jenkins.plugins.kargo.semver.InvalidSemverRangeException;
import io.jenkins.plugins.kargo.semver.SemverRange;
import io.jenkins.plugins.kargo.tags.TagFilter;
import io.jenkins.plugins.kargo.tags.TagOrder;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Discovers chart versions in a classic Helm repository as Kargo does ({@code pkg/helm/chart/http_selector.go}): one
 * GET of {@code <repoURL>/index.yaml} (Basic auth from {@link CredentialKind#helm} credentials), the versions of the
 * chart read leniently as semantic versions (Masterminds {@code NewVersion}, so {@code 1.2} counts), those in the
 * range, highest first, at most {@code discoveryLimit}. Does not handle {@code oci://} repositories; see
 * {@link ChartSubscriber}.
 */
public final class ChartRepositorySubscriber implements Subscriber<ChartSubscription> {

    /** Large public indexes run to tens of megabytes. */
    static final int MAX_INDEX_BYTES = 64 << 20;

    private final RegistryHttp http;
    private final CredentialsProvider credentials;

    public ChartRepositorySubscriber(RegistryHttp http, CredentialsProvider credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    /** @throws InvalidSemverRangeException if the subscription's range was not validated with its configuration */
    @Override
    public List<DiscoveredChart> discover(ChartSubscription subscription) throws DiscoveryException {
        return discover(subscription, credentials);
    }

    @Override
    public List<DiscoveredChart> discover(ChartSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        if (subscription.isOci()) {
            throw new IllegalArgumentException(subscription.repoURL() + " is an OCI repository; "
                    + getClass().getSimpleName() + " reads only http(s) repositories with an index.yaml");
        }
        String chart = subscription.chartName();
        if (chart.isEmpty()) {
            throw new DiscoveryException(subscription.location() + ": a chart subscription to the repository "
                    + subscription.repoURL() + " needs the chart's name");
        }
        SemverRange range = SemverRange.parse(subscription.semverConstraint());
        ChartIndex index = fetchIndex(subscription, credentials);
        List<String> versions = index.versions().get(chart);
        if (versions == null) {
            throw new DiscoveryException("chart \"" + chart + "\" is not in the index of " + subscription.repoURL()
                    + "; the repository has " + describe(index.versions().keySet().stream().sorted().toList()));
        }
        int limit = subscription.discoveryLimit();
        return TagOrder.bySemver(versions, TagFilter.allowAll(), range, false).stream()
                .limit(limit > 0 ? limit : Long.MAX_VALUE)
                .map(version -> new DiscoveredChart(subscription.repoURL(), chart, version))
                .toList();
    }

    private ChartIndex fetchIndex(ChartSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        RegistryRequest request = RegistryRequest.get(indexUri(subscription))
                .withAccept("application/yaml", "application/x-yaml", "text/yaml", "*/*")
                .withInsecure(subscription.insecureSkipTLSVerify())
                .withMaxBodyBytes(MAX_INDEX_BYTES)
                .withAuthorization(credentials.find(subscription.repoURL(), CredentialKind.helm)
                        .map(Authorization::of).orElse(null));
        RegistryResponse response = http.send(request);
        switch (response.status()) {
            case 200 -> {
                // handled below
            }
            case 404 -> throw response.failure("no index.yaml there; check that repoURL is the chart repository's"
                    + " URL (the one given to `helm repo add`)");
            case 401, 403 -> throw response.failure(request.authorization() == null
                    ? "the repository needs credentials: configure helm credentials for " + subscription.repoURL()
                    : "check the helm credentials configured for " + subscription.repoURL());
            default -> throw response.failure("the repository did not return its index");
        }
        try {
            return ChartIndex.parse(response.body(), MAX_INDEX_BYTES);
        } catch (IOException e) {
            throw new DiscoveryException(request.describe() + ": the answer is not a Helm repository index ("
                    + e.getMessage() + ")", e);
        }
    }

    private static URI indexUri(ChartSubscription subscription) throws DiscoveryException {
        try {
            URI repository = SchemePolicy.repositoryUri(subscription.repoURL(),
                    subscription.insecureSkipTLSVerify());
            return URI.create(repository + "/index.yaml");
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("chart repository URL \"" + subscription.repoURL() + "\" cannot be used: "
                    + e.getMessage(), e);
        }
    }

    private static String describe(List<String> charts) {
        if (charts.isEmpty()) {
            return "no charts";
        }
        int shown = Math.min(charts.size(), 10);
        return "these charts: " + String.join(", ", charts.subList(0, shown))
                + (charts.size() > shown ? " and " + (charts.size() - shown) + " more" : "");
    }
}
