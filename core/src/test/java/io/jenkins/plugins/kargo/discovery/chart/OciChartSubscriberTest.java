package io.jenkins.plugins.kargo.discovery.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.ChartSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredChart;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.discovery.image.OciRegistryClient;
import io.jenkins.plugins.kargo.testkit.OciImagePusher;
import io.jenkins.plugins.kargo.testkit.TestServices;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link OciChartSubscriber} reading tags the test pushes to the real registries. */
class OciChartSubscriberTest {

    private static final SourceLocation WAREHOUSE = new SourceLocation("warehouses/charts.yaml", 7, "spec.subscriptions[1].chart");

    private final OciRegistryClient registries = new OciRegistryClient(RegistryHttp.create());

    private static ChartSubscription chart(String repoURL, String constraint, int limit) {
        return new ChartSubscription(repoURL, "", constraint, limit, false, "", WAREHOUSE);
    }

    private static String pushChartTags(OciImagePusher pusher, String... tags) {
        String repo = "charts/app-" + UUID.randomUUID().toString().substring(0, 8);
        pusher.image(repo).tags(List.of(tags)).push();
        return repo;
    }

    @Test
    void readsUnderscoreAsPlusAndKeepsStrictVersionsInTheRangeHighestFirst() throws Exception {
        String repo = pushChartTags(OciImagePusher.anonymous(TestServices.registry()),
                "1.0.0", "1.1.0", "1.2.0_build.5", "v2.0.0", "1.3", "2.0.0-rc.1", "latest", "0.9.0");
        String repoURL = "oci://" + TestServices.registry() + "/" + repo;
        OciChartSubscriber subscriber = new OciChartSubscriber(registries, CredentialsProvider.NONE);

        assertThat(subscriber.discover(chart(repoURL, ">=1.0.0", 20))).extracting(DiscoveredChart::version)
                .containsExactly("1.2.0+build.5", "1.1.0", "1.0.0");
        assertThat(subscriber.discover(chart(repoURL, ">=1.0.0", 2))).extracting(DiscoveredChart::version)
                .containsExactly("1.2.0+build.5", "1.1.0");
        assertThat(subscriber.discover(chart(repoURL, ">=2.0.0-0", 20))).extracting(DiscoveredChart::version)
                .containsExactly("2.0.0-rc.1");
        assertThat(subscriber.discover(chart(repoURL, "", 20)))
                .containsExactly(new DiscoveredChart(repoURL, "", "2.0.0-rc.1"), new DiscoveredChart(repoURL, "", "1.2.0+build.5"),
                        new DiscoveredChart(repoURL, "", "1.1.0"), new DiscoveredChart(repoURL, "", "1.0.0"),
                        new DiscoveredChart(repoURL, "", "0.9.0"));
    }

    @Test
    void usesHelmCredentialsForAProtectedRegistry() throws Exception {
        String registry = TestServices.authRegistry();
        String repo = pushChartTags(OciImagePusher.withCredentials(registry, TestServices.authRegistryUser(),
                TestServices.authRegistryPassword()), "0.1.0", "0.2.0");
        String repoURL = "oci://" + registry + "/" + repo;
        CredentialsProvider helmOnly = (url, kind) -> kind == CredentialKind.helm && url.equals(repoURL)
                ? Optional.of(new Credentials.UsernamePassword(TestServices.authRegistryUser(), TestServices.authRegistryPassword()))
                : Optional.empty();

        List<DiscoveredChart> found = new ChartSubscriber(
                new ChartRepositorySubscriber(RegistryHttp.create(), helmOnly), new OciChartSubscriber(registries, helmOnly))
                .discover(chart(repoURL, "", 20)).stream().map(DiscoveredChart.class::cast).toList();

        assertThat(found).extracting(DiscoveredChart::version).containsExactly("0.2.0", "0.1.0");
    }

    @Test
    void failuresNameTheChartRepositoryAndWhereItIsDeclared() {
        String repoURL = "oci://" + TestServices.authRegistry() + "/charts/app";
        OciChartSubscriber subscriber = new OciChartSubscriber(registries, CredentialsProvider.NONE);

        assertThatThrownBy(() -> subscriber.discover(chart(repoURL, "", 20)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("chart " + repoURL + " (warehouses/charts.yaml:7 spec.subscriptions[1].chart): GET ")
                .hasMessageContaining("401 Unauthorized — no credentials for " + TestServices.authRegistry());
        assertThatThrownBy(() -> subscriber.discover(new ChartSubscription(repoURL, "app", "", 20, false, "", WAREHOUSE)))
                .hasMessageContaining("remove name 'app'");
    }
}
