package io.jenkins.plugins.kargo.discovery.npm;

import io.jenkins.plugins.kargo.api.NpmSubscription;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredPackage;
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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Discovers the versions of an npm package: one GET of its packument, then the versions that are strict semantic
 * versions (npm publishes nothing else) and in the subscription's range, highest first, at most
 * {@code discoveryLimit} of them. A subscription without a range admits pre-releases, as Kargo does for charts.
 *
 * <p>Credentials are looked up as {@link CredentialKind#npm} (and {@link CredentialKind#helm} for the seed's
 * {@code chart:} entries): a token is sent as {@code Bearer}, a user name and password as {@code Basic}.
 */
public final class NpmSubscriber implements Subscriber<NpmSubscription> {

    /** npm's own Accept: the abbreviated document, else the full one. */
    static final String ACCEPT = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    /** Packuments of long-lived packages run to megabytes; this bounds a misbehaving registry. */
    static final long MAX_PACKUMENT_BYTES = 32L << 20;
    private static final Pattern PACKAGE_NAME = Pattern.compile("(@[A-Za-z0-9][A-Za-z0-9._~-]*/)?[A-Za-z0-9._~-]+");

    private final RegistryHttp http;
    private final CredentialsProvider credentials;

    public NpmSubscriber(RegistryHttp http, CredentialsProvider credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    /** @throws InvalidSemverRangeException if the subscription's range was not validated with its configuration */
    @Override
    public List<DiscoveredPackage> discover(NpmSubscription subscription) throws DiscoveryException {
        return discover(subscription, credentials);
    }

    @Override
    public List<DiscoveredPackage> discover(NpmSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        SemverRange range = SemverRange.parse(subscription.constraint());
        Packument packument = packument(subscription, credentials);
        List<String> ordered = TagOrder.bySemver(packument.versions(), TagFilter.allowAll(), range, true);
        int limit = subscription.discoveryLimit();
        return ordered.stream()
                .limit(limit > 0 ? limit : Long.MAX_VALUE)
                .map(version -> new DiscoveredPackage(subscription.repoURL(), subscription.packageName(), version,
                        packument.published().get(version)))
                .toList();
    }

    /**
     * The package document, for its {@code dist-tags} and publication times as well as its versions.
     *
     * @throws DiscoveryException when the package does not exist, access is refused, or the answer is not a
     *                            packument; the message names the package and the registry
     */
    public Packument packument(NpmSubscription subscription) throws DiscoveryException {
        return packument(subscription, credentials);
    }

    private Packument packument(NpmSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        String name = subscription.packageName();
        if (!PACKAGE_NAME.matcher(name).matches()) {
            throw new DiscoveryException("npm package name \"" + name + "\" is not valid: write it as name or"
                    + " @scope/name");
        }
        RegistryRequest request = RegistryRequest.get(packumentUri(subscription))
                .withAccept(ACCEPT)
                .withInsecure(subscription.insecureSkipTLSVerify())
                .withMaxBodyBytes(MAX_PACKUMENT_BYTES)
                .withAuthorization(findCredentials(subscription, credentials).map(Authorization::of).orElse(null));
        RegistryResponse response = http.send(request);
        switch (response.status()) {
            case 200 -> {
                // handled below
            }
            case 404 -> throw response.failure("package " + name + " not found on " + subscription.repoURL()
                    + "; check the package name and its scope");
            case 401, 403 -> throw response.failure("the registry refused access to " + name
                    + (request.authorization() == null
                    ? "; it needs credentials: configure an npm token (or user and password) for "
                            + subscription.repoURL()
                    : "; check that the configured " + request.authorization().scheme()
                            + " credentials for " + subscription.repoURL() + " are valid and may read " + name));
            default -> throw response.failure("the registry did not return the package document of " + name);
        }
        try {
            return Packument.parse(response.body());
        } catch (IOException e) {
            throw new DiscoveryException(request.describe() + ": the answer is not an npm package document ("
                    + e.getMessage() + "); check that " + subscription.repoURL() + " is an npm registry", e);
        }
    }

    /** {@code <registry>/@scope%2fname}: the scope's slash is encoded, as the npm client does. */
    private static URI packumentUri(NpmSubscription subscription) throws DiscoveryException {
        try {
            URI registry = SchemePolicy.repositoryUri(subscription.repoURL(), subscription.insecureSkipTLSVerify());
            return URI.create(registry + "/" + subscription.packageName().replace("/", "%2f"));
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("npm registry URL \"" + subscription.repoURL() + "\" cannot be used: "
                    + e.getMessage(), e);
        }
    }

    private static Optional<Credentials> findCredentials(NpmSubscription subscription,
                                                         CredentialsProvider credentials) {
        Optional<Credentials> npm = credentials.find(subscription.repoURL(), CredentialKind.npm);
        return npm.isPresent() || !subscription.declaredAsChart()
                ? npm : credentials.find(subscription.repoURL(), CredentialKind.helm);
    }
}
