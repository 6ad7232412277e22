package io.jenkins.plugins.kargo.discovery.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.api.SourceLocation;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredPackage;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.testkit.TestServices;
import io.jenkins.plugins.kargo.testkit.NpmPublisher;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real Verdaccio of {@code ci/services.sh}, filled here with fresh packages. */
class NpmSubscriberTest {

    private static final SourceLocation HERE = new SourceLocation("warehouses/packages.yaml", 9,
            "spec.subscriptions[0].npm");
    /** The seed's pre-release train: alphas with build stamps, a beta, a release, and the next alpha. */
    private static final List<String> UTILS_VERSIONS = List.of("0.9.0", "1.0.0-alpha.1",
            "1.0.0-alpha.20241114153045", "1.0.0-beta.1", "1.0.0", "1.0.1-alpha.1");

    private static String registry;
    private static String user;
    private static String password;
    private static NpmPublisher publisher;
    private static String scope;
    private static String privatePackage;
    private static Instant publishedAfter;

    private final RegistryHttp http = RegistryHttp.create();

    @BeforeAll
    static void publishPackages() {
        registry = TestServices.npmRegistry();
        publishedAfter = Instant.now().minusSeconds(1);
        // fresh names on every run: the same Verdaccio refuses to publish a version twice
        user = "selection-" + UUID.randomUUID().toString().substring(0, 8);
        password = UUID.randomUUID().toString();
        publisher = NpmPublisher.signUp(registry, user, password);
        scope = "@" + user;
        for (String version : UTILS_VERSIONS) {
            publisher.publish(scope + "/utils", version, version.contains("-") ? "next" : "latest");
        }
        publisher.publish(user + "-unscoped", "3.0.0");
        privatePackage = "@private/" + user + "-api-client";
        publisher.publish(privatePackage, "1.0.0-beta.2", "beta");
        publisher.publish(privatePackage, "1.0.0");
    }

    @Test
    void selectsAlphaBetaAndStableUnderAPreReleaseRangeHighestFirst() throws DiscoveryException {
        List<DiscoveredPackage> found = anonymous().discover(subscription(scope + "/utils", ">=1.0.0-alpha", 20));

        assertThat(found).extracting(DiscoveredPackage::version).containsExactly("1.0.1-alpha.1", "1.0.0",
                "1.0.0-beta.1", "1.0.0-alpha.20241114153045", "1.0.0-alpha.1");
        assertThat(found).allSatisfy(p -> {
            assertThat(p.repoURL()).isEqualTo(registry);
            assertThat(p.packageName()).isEqualTo(scope + "/utils");
            assertThat(p.publishedAt()).isAfter(publishedAfter).isBeforeOrEqualTo(Instant.now());
        });
    }

    @Test
    void aRangeWithoutPreReleaseSelectsReleasesOnly() throws DiscoveryException {
        assertThat(anonymous().discover(subscription(scope + "/utils", ">=0.1.0", 20)))
                .extracting(DiscoveredPackage::version).containsExactly("1.0.0", "0.9.0");
    }

    @Test
    void keepsAtMostTheDiscoveryLimit() throws DiscoveryException {
        assertThat(anonymous().discover(subscription(scope + "/utils", "", 2)))
                .extracting(DiscoveredPackage::version).containsExactly("1.0.1-alpha.1", "1.0.0");
    }

    @Test
    void exposesDistTagsAndPublicationTimes() throws DiscoveryException {
        Packument packument = anonymous().packument(subscription(scope + "/utils", "", 20));

        assertThat(packument.name()).isEqualTo(scope + "/utils");
        assertThat(packument.versions()).containsExactlyInAnyOrderElementsOf(UTILS_VERSIONS);
        assertThat(packument.distTags()).containsEntry("latest", "1.0.0").containsEntry("next", "1.0.1-alpha.1");
        assertThat(packument.published()).containsOnlyKeys(UTILS_VERSIONS);
        assertThat(packument.published().get("1.0.1-alpha.1")).isAfterOrEqualTo(packument.published().get("0.9.0"));
    }

    @Test
    void readsUnscopedPackages() throws DiscoveryException {
        assertThat(anonymous().discover(subscription(user + "-unscoped", "^3", 20)))
                .extracting(DiscoveredPackage::version).containsExactly("3.0.0");
    }

    @Test
    void readsAPrivatePackageWithAToken() throws DiscoveryException {
        CredentialsProvider token = (url, kind) -> url.equals(registry) && kind == CredentialKind.npm
                ? Optional.of(new Credentials.Token(publisher.token())) : Optional.empty();

        assertThat(new NpmSubscriber(http, token).discover(subscription(privatePackage, ">=1.0.0-alpha", 20)))
                .extracting(DiscoveredPackage::version).containsExactly("1.0.0", "1.0.0-beta.2");
    }

    @Test
    void readsAPrivatePackageWithUserAndPassword() throws DiscoveryException {
        CredentialsProvider basic = (url, kind) -> Optional.of(
                new Credentials.UsernamePassword(user, password));

        assertThat(new NpmSubscriber(http, basic).discover(subscription(privatePackage, "", 20)))
                .extracting(DiscoveredPackage::version).containsExactly("1.0.0", "1.0.0-beta.2");
    }

    @Test
    void aChartEntryPointingAtNpmMayUseHelmCredentials() throws DiscoveryException {
        // the seed writes its packages as chart: entries; a Kargo user would hold helm credentials for them
        CredentialsProvider helmOnly = (url, kind) -> kind == CredentialKind.helm
                ? Optional.of(new Credentials.Token(publisher.token())) : Optional.empty();
        NpmSubscription declaredAsChart = new NpmSubscription(registry, privatePackage, "", 20, false, true, "", HERE);

        assertThat(new NpmSubscriber(http, helmOnly).discover(declaredAsChart)).hasSize(2);
        assertThatThrownBy(() -> new NpmSubscriber(http, helmOnly).discover(subscription(privatePackage, "", 20)))
                .isInstanceOf(DiscoveryException.class);
    }

    @Test
    void aPrivatePackageWithoutCredentialsSaysWhatToConfigure() {
        assertThatThrownBy(() -> anonymous().discover(subscription(privatePackage, "", 20)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("GET " + registry + "/@private%2f")
                .hasMessageContaining("401 Unauthorized")
                .hasMessageContaining("it needs credentials: configure an npm token (or user and password) for "
                        + registry);
    }

    @Test
    void aWrongTokenIsReportedWithoutTheToken() {
        String wrong = publisher.token() + "x";
        CredentialsProvider bad = (url, kind) -> Optional.of(new Credentials.Token(wrong));

        assertThatThrownBy(() -> new NpmSubscriber(http, bad).discover(subscription(privatePackage, "", 20)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("check that the configured Bearer credentials")
                .hasMessageNotContaining(wrong);
    }

    @Test
    void anUnknownPackageIsReportedAsNotFound() {
        String missing = scope + "/does-not-exist";

        assertThatThrownBy(() -> anonymous().discover(subscription(missing, "", 20)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("404 Not Found")
                .hasMessageContaining("package " + missing + " not found on " + registry);
    }

    @Test
    void aNameThatIsNoPackageNameIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> anonymous().discover(subscription("../-/user/org.couchdb.user:admin", "", 20)))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("is not valid: write it as name or @scope/name");
    }

    private NpmSubscriber anonymous() {
        return new NpmSubscriber(http, CredentialsProvider.NONE);
    }

    private static NpmSubscription subscription(String packageName, String range, int limit) {
        return new NpmSubscription(registry, packageName, range, limit, false, false, "", HERE);
    }
}
