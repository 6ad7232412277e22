package io.jenkins.plugins.kargo.discovery.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.http.AuthChallenge;
import io.jenkins.plugins.kargo.discovery.http.Authorization;
import io.jenkins.plugins.kargo.discovery.http.RegistryHttp;
import io.jenkins.plugins.kargo.discovery.http.RegistryRequest;
import io.jenkins.plugins.kargo.discovery.http.RegistryResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the OCI Distribution API ({@code /v2/...}) for any registry (Docker Hub, GHCR, Harbor, distribution):
 * tag listing with {@code Link} pagination, manifests, blobs, and the auth flows registries use: anonymous, Basic,
 * and the Bearer-token challenge ({@code WWW-Authenticate: Bearer realm=..,service=..,scope=..}) with tokens cached
 * per registry, scope and credentials until they expire. One instance per engine; thread-safe.
 */
public final class OciRegistryClient {

    /** Tags asked for per page of {@code tags/list}; registries that serve fewer still paginate correctly. */
    public static final int DEFAULT_TAG_PAGE_SIZE = 1000;
    /** A repository with more tags than this is refused rather than silently truncated. */
    public static final int DEFAULT_MAX_TAGS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
    private static final long MAX_TOKEN_BYTES = 1024 * 1024;
    /** Distribution's token spec: a token without {@code expires_in} lives 60 s. */
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    /** Renew a little early so a token does not expire between the cache and the registry. */
    private static final Duration TOKEN_RENEWAL_MARGIN = Duration.ofSeconds(10);

    private record TokenKey(String registry, String scope, Credentials credentials) {
    }

    private record Token(String value, Duration lifetime) {
        @Override
        public String toString() {
            return "Token[****, " + lifetime + "]";
        }
    }

    private final RegistryHttp http;
    private final int tagPageSize;
    private final int maxTags;
    private final Cache<TokenKey, Token> tokens = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfter(Expiry.creating((TokenKey key, Token token) -> token.lifetime()))
            .build();
    /** The auth scheme each registry asked for last ({@code basic} or {@code bearer}), to authenticate up front. */
    private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();

    public OciRegistryClient(RegistryHttp http) {
        this(http, DEFAULT_TAG_PAGE_SIZE, DEFAULT_MAX_TAGS);
    }

    /**
     * @param tagPageSize the {@code n} of each {@code tags/list} page
     * @param maxTags     the most tags one repository may have before listing fails
     */
    public OciRegistryClient(RegistryHttp http, int tagPageSize, int maxTags) {
        if (tagPageSize < 1 || maxTags < 1) {
            throw new IllegalArgumentException("tagPageSize and maxTags must be positive");
        }
        this.http = http;
        this.tagPageSize = tagPageSize;
        this.maxTags = maxTags;
    }

    /**
     * Access to one repository.
     *
     * @param credentials null for anonymous access
     * @param insecure    the subscription's {@code insecureSkipTLSVerify} (plain HTTP or unverified TLS)
     */
    public Repository repository(ImageRepository repository, Credentials credentials, boolean insecure) {
        return new Repository(repository, credentials, insecure);
    }

    /** Operations on one repository with one set of credentials. Cheap to create; holds no connection. */
    public final class Repository {

        private final ImageRepository repository;
        private final Credentials credentials;
        private final boolean insecure;
        private final URI base;

        private Repository(ImageRepository repository, Credentials credentials, boolean insecure) {
            this.repository = repository;
            this.credentials = credentials;
            this.insecure = insecure;
            this.base = repository.baseUri(insecure);
        }

        public ImageRepository name() {
            return repository;
        }

        /**
         * Every tag, following {@code Link: <...>; rel="next"} pages.
         *
         * @throws DiscoveryException when the repository has more tags than the configured maximum, or on any failure
         */
        public List<String> listTags() throws DiscoveryException {
            List<String> all = new ArrayList<>();
            URI next = uri("/tags/list?n=" + tagPageSize);
            while (next != null) {
                RegistryResponse response = send(RegistryRequest.get(next).withAccept("application/json"));
                if (!response.isSuccess()) {
                    throw response.failure(hint(response));
                }
                JsonNode tags = parse(response).path("tags");
                for (JsonNode tag : tags) {
                    all.add(tag.asText());
                }
                if (all.size() > maxTags) {
                    throw new DiscoveryException(repository + " has more than " + maxTags
                            + " tags; raise the tag listing limit or delete old tags");
                }
                Optional<URI> link = nextPage(response);
                next = link.isPresent() && !tags.isEmpty() ? link.get() : null;
            }
            return all;
        }

        /**
         * The digest a tag points at, by a HEAD request.
         *
         * @return empty when the tag does not exist, or when the registry does not send {@code Docker-Content-Digest}
         *         (then use {@link #manifest})
         */
        public Optional<String> manifestDigest(String reference) throws DiscoveryException {
            RegistryResponse response = send(RegistryRequest.head(uri("/manifests/" + reference)).withAccept(Manifest.ACCEPTED));
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (!response.isSuccess()) {
                throw response.failure(hint(response));
            }
            return response.header("Docker-Content-Digest").filter(d -> d.startsWith("sha256:"));
        }

        /**
         * A manifest or index by tag or digest.
         *
         * @return empty when the registry answers 404
         */
        public Optional<Manifest> manifest(String reference) throws DiscoveryException {
            RegistryResponse response = send(RegistryRequest.get(uri("/manifests/" + reference))
                    .withAccept(Manifest.ACCEPTED).withMaxBodyBytes(MAX_MANIFEST_BYTES));
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (!response.isSuccess()) {
                throw response.failure(hint(response));
            }
            String computed = "sha256:" + sha256(response.body());
            if (reference.startsWith("sha256:") && !reference.equals(computed)) {
                throw new DiscoveryException(response.request().describe() + ": the manifest's content has digest "
                        + computed + ", not the one asked for; the registry or a proxy altered it");
            }
            String digest = response.header("Docker-Content-Digest").filter(d -> d.startsWith("sha256:")).orElse(computed);
            JsonNode json = parse(response);
            String mediaType = json.path("mediaType").asText("");
            if (mediaType.isEmpty()) {
                mediaType = response.header("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
            }
            return Optional.of(new Manifest(digest, mediaType, json));
        }

        /** A blob (such as an image config) as JSON. */
        public JsonNode blobJson(String digest, long maxBytes) throws DiscoveryException {
            RegistryResponse response = send(RegistryRequest.get(uri("/blobs/" + digest)).withMaxBodyBytes(maxBytes));
            if (!response.isSuccess()) {
                throw response.failure(hint(response));
            }
            return parse(response);
        }

        private URI uri(String suffix) {
            return base.resolve("/v2/" + repository.path() + suffix);
        }

        /** Sends with whatever auth the registry is known to want, and answers one challenge if it comes. */
        private RegistryResponse send(RegistryRequest request) throws DiscoveryException {
            RegistryRequest prepared = request.withInsecure(insecure);
            Authorization upFront = knownAuthorization();
            RegistryResponse response = http.send(prepared.withAuthorization(upFront));
            if (response.status() != 401) {
                return response;
            }
            List<AuthChallenge> offered = AuthChallenge.of(response);
            Optional<AuthChallenge> bearer = offered.stream().filter(c -> c.scheme().equals("bearer")).findFirst();
            Optional<AuthChallenge> basic = offered.stream().filter(c -> c.scheme().equals("basic")).findFirst();
            Authorization answer;
            if (bearer.isPresent() && bearer.get().param("realm").isPresent()) {
                challenges.put(repository.registry(), bearer.get());
                tokens.invalidate(tokenKey());
                answer = Authorization.bearer(fetchToken(bearer.get(), response));
            } else if (basic.isPresent() && credentials instanceof Credentials.UsernamePassword && upFront == null) {
                challenges.put(repository.registry(), basic.get());
                answer = Authorization.of(credentials);
            } else {
                return response;
            }
            return http.send(prepared.withAuthorization(answer));
        }

        private Authorization knownAuthorization() {
            if (credentials instanceof Credentials.Token) {
                return Authorization.of(credentials); // a registry token is used as is
            }
            AuthChallenge known = challenges.get(repository.registry());
            if (known == null) {
                return null;
            }
            if (known.scheme().equals("basic")) {
                return credentials == null ? null : Authorization.of(credentials);
            }
            Token token = tokens.getIfPresent(tokenKey());
            return token == null ? null : Authorization.bearer(token.value());
        }

        private TokenKey tokenKey() {
            return new TokenKey(repository.registry(), "repository:" + repository.path() + ":pull", credentials);
        }

        private String fetchToken(AuthChallenge challenge, RegistryResponse challenged) throws DiscoveryException {
            StringBuilder query = new StringBuilder();
            challenge.param("service").ifPresent(s -> query.append("service=").append(encode(s)));
            String scope = challenge.param("scope").orElse("repository:" + repository.path() + ":pull");
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
            String realm = challenge.param("realm").orElseThrow();
            URI tokenUri;
            try {
                tokenUri = challenged.uri().resolve(realm + (realm.contains("?") ? "&" : "?") + query);
            } catch (IllegalArgumentException e) {
                throw new DiscoveryException(challenged.request().describe() + ": the registry's token realm '"
                        + realm + "' is not a valid URL", e);
            }
            RegistryRequest request = RegistryRequest.get(tokenUri).withAccept("application/json")
                    .withInsecure(insecure).withMaxBodyBytes(MAX_TOKEN_BYTES);
            if (credentials instanceof Credentials.UsernamePassword) {
                request = request.withAuthorization(Authorization.of(credentials));
            }
            RegistryResponse response = http.send(request);
            if (!response.isSuccess()) {
                throw response.failure(credentials == null
                        ? "the token service refused anonymous access; add image credentials for " + repository.registry()
                        : "the token service rejected the credentials for " + repository.registry());
            }
            JsonNode json = parse(response);
            String value = json.path("token").asText(json.path("access_token").asText(""));
            if (value.isEmpty()) {
                throw new DiscoveryException(request.describe() + ": the token service answered without a token");
            }
            long seconds = json.path("expires_in").asLong(DEFAULT_TOKEN_LIFETIME.toSeconds());
            Duration lifetime = Duration.ofSeconds(seconds).minus(TOKEN_RENEWAL_MARGIN);
            if (!lifetime.isNegative() && !lifetime.isZero()) {
                tokens.put(tokenKey(), new Token(value, lifetime));
            }
            return value;
        }

        private String hint(RegistryResponse response) {
            return switch (response.status()) {
                case 401 -> credentials == null
                        ? "no credentials for " + repository.registry() + "; add image credentials for " + repository
                        : "the registry rejected the credentials for " + repository.registry();
                case 403 -> "the credentials for " + repository.registry() + " may not read " + repository;
                case 404 -> "no repository " + repository + " on " + repository.registry() + "; check the repoURL";
                case 429 -> repository.registry() + " is rate limiting us; lower the request rate or retry later";
                default -> "";
            };
        }

        private JsonNode parse(RegistryResponse response) throws DiscoveryException {
            try {
                return JSON.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new DiscoveryException(response.request().describe() + ": the answer is not valid JSON ("
                        + e.getOriginalMessage() + ")", e);
            } catch (IOException e) {
                throw new DiscoveryException(response.request().describe() + ": the answer cannot be read", e);
            }
        }

        private Optional<URI> nextPage(RegistryResponse response) {
            for (String link : response.headers().allValues("Link")) {
                Matcher m = NEXT_LINK.matcher(link);
                if (m.find()) {
                    return Optional.of(response.uri().resolve(m.group(1)));
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "Repository[" + repository + (credentials == null ? "" : ", " + credentials) + "]";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
