package io.jenkins.plugins.kargo.discovery.http;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.net.CredentialScheme;
import io.jenkins.plugins.kargo.net.InsecureTls;
import io.jenkins.plugins.kargo.net.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;

/**
 * The engine's one HTTP client for registries (share a single instance: the rate limits are per instance).
 *
 * <ul>
 *   <li>Rate limit per registry host ({@code host:port}), 20 requests/s by default as Kargo's
 *       {@code IMAGE_REGISTRY_RATE_LIMIT}; every attempt, retry and redirect takes a permit.</li>
 *   <li>Retries, with exponential backoff and jitter and a bounded number of attempts: {@code 429} (waiting what
 *       {@code Retry-After} asks, in seconds or as an HTTP date, unless that is longer than
 *       {@link Builder#maxRetryAfter}), {@code 5xx} other than 501/505, connection failures, resets and timeouts (not TLS handshake failures).</li>
 *   <li>Timeouts: connect, response headers (Kargo's {@code ResponseHeaderTimeout=30s}) and a whole-response
 *       deadline that also catches a body that stalls.</li>
 *   <li>Bodies are bounded ({@link Builder#maxBodyBytes}, or per request): a larger one is an error naming the URL.</li>
 *   <li>Redirects are followed (at most 5) but the {@link Authorization} goes only to the request's own origin, and
 *       never over plain HTTP to a host that is not on loopback ({@link CredentialScheme}).</li>
 * </ul>
 * Thread-safe.
 */
public final class RegistryHttp {

    /** One HTTP exchange (an attempt or a redirect hop); status is -1 when no response came. */
    public record Exchange(String method, URI uri, int status) {
    }

    private static final Set<Integer> NOT_RETRIED_5XX = Set.of(501, 505);
    private static final int MAX_REDIRECTS = 5;

    /** Made on first use: their TLS contexts cost a command that never calls a registry (say `kargo get`). */
    private HttpClient verifying;
    private HttpClient lenient;
    private final RateLimiterRegistry rateLimiters;
    private final Retry retry;
    private final Builder config;

    private RegistryHttp(Builder b) {
        this.config = b.copy();
        this.rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(b.requestsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(b.rateLimitWait)
                .build());
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                b.initialBackoff, 2.0, 0.5, b.maxBackoff);
        IntervalBiFunction<RegistryResponse> interval = (attempt, outcome) -> delayBeforeRetry(attempt, outcome, backoff);
        this.retry = Retry.of("registry", RetryConfig.<RegistryResponse>custom()
                .maxAttempts(b.maxAttempts)
                .retryOnResult(RegistryHttp::isRetryable)
                .retryOnException(e -> e instanceof IOException && !(e instanceof SSLHandshakeException))
                .intervalBiFunction(interval)
                .build());
    }

    private synchronized HttpClient client(boolean insecure) {
        if (insecure) {
            if (lenient == null) {
                lenient = HttpClient.newBuilder().connectTimeout(config.connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER).sslContext(InsecureTls.trustingEveryCertificate()).build();
            }
            return lenient;
        }
        if (verifying == null) {
            verifying = HttpClient.newBuilder().connectTimeout(config.connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return verifying;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client with Kargo-like defaults. */
    public static RegistryHttp create() {
        return builder().build();
    }

    /**
     * Sends a request, retrying and following redirects as described on the class. Any final HTTP status is
     * returned (check {@link RegistryResponse#isSuccess()}); a request that never got an answer throws.
     *
     * @throws DiscoveryException when no response came after the last attempt, the body was too large, credentials
     *                            would go over plain HTTP to a non-loopback host, or the thread was interrupted;
     *                            the message starts with {@link RegistryRequest#describe()}
     */
    public RegistryResponse send(RegistryRequest request) throws DiscoveryException {
        if (request.authorization() != null) {
            Optional<String> refused = CredentialScheme.refusal(request.describe(), request.uri());
            if (refused.isPresent()) {
                throw new DiscoveryException(refused.get());
            }
        }
        Retry.AsyncContext<RegistryResponse> context = retry.asyncContext();
        int attempts = 0;
        while (true) {
            attempts++;
            long delayMillis;
            try {
                RegistryResponse response = followRedirects(request, attempts);
                delayMillis = context.onResult(response);
                if (delayMillis < 0) {
                    context.onComplete();
                    return response;
                }
            } catch (IOException e) {
                delayMillis = context.onError(e);
                if (delayMillis < 0) {
                    throw failure(request, attempts, e);
                }
            }
            try {
                config.sleeper.sleep(Duration.ofMillis(delayMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DiscoveryException(request.describe() + ": interrupted while waiting to retry", e);
            }
        }
    }

    /** Sends a request and insists on a 2xx answer. */
    public RegistryResponse sendExpectingSuccess(RegistryRequest request, String hint) throws DiscoveryException {
        RegistryResponse response = send(request);
        if (!response.isSuccess()) {
            throw response.failure(hint);
        }
        return response;
    }

    private RegistryResponse followRedirects(RegistryRequest request, int attempt) throws IOException, DiscoveryException {
        URI uri = request.uri();
        for (int hop = 0; ; hop++) {
            Authorization auth = sameOrigin(uri, request.uri()) ? request.authorization() : null;
            RegistryResponse response = exchange(request, uri, auth, attempt);
            Optional<String> location = response.header("Location");
            if (response.status() / 100 != 3 || response.status() == 304 || location.isEmpty()) {
                return response;
            }
            if (hop == MAX_REDIRECTS) {
                throw new DiscoveryException(request.describe() + ": more than " + MAX_REDIRECTS + " redirects");
            }
            uri = uri.resolve(location.get());
        }
    }

    private RegistryResponse exchange(RegistryRequest request, URI uri, Authorization auth, int attempt)
            throws IOException, DiscoveryException {
        acquirePermit(request, uri);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(request.method(), HttpRequest.BodyPublishers.noBody())
                .timeout(config.responseHeaderTimeout);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-HTTP registries
        }
        request.headers().forEach(builder::header);
        if (auth != null) {
            builder.header("Authorization", auth.headerValue());
        }
        long limit = request.maxBodyBytes() > 0 ? request.maxBodyBytes() : config.maxBodyBytes;
        boolean head = request.method().equals("HEAD");
        HttpResponse.BodyHandler<byte[]> handler = info -> head
                ? HttpResponse.BodySubscribers.replacing(new byte[0])
                : new BoundedBodySubscriber(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
        HttpClient client = client(request.insecure());
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(builder.build(), handler);
        try {
            HttpResponse<byte[]> response = future.get(config.responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            config.listener.accept(new Exchange(request.method(), uri, response.statusCode()));
            return new RegistryResponse(request, uri, response.statusCode(), response.headers(), response.body(), attempt);
        } catch (TimeoutException e) {
            future.cancel(true);
            config.listener.accept(new Exchange(request.method(), uri, -1));
            throw new HttpTimeoutException("no complete response within " + config.responseTimeout.toSeconds() + "s");
        } catch (ExecutionException | CancellationException e) {
            config.listener.accept(new Exchange(request.method(), uri, -1));
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BoundedBodySubscriber.TooLarge tooLarge) {
                throw new DiscoveryException(request.describe() + ": " + tooLarge.getMessage()
                        + "; the registry sent more than expected for this request", tooLarge);
            }
            throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DiscoveryException(request.describe() + ": interrupted", e);
        }
    }

    private void acquirePermit(RegistryRequest request, URI uri) throws DiscoveryException {
        RateLimiter limiter = rateLimiters.rateLimiter(uri.getHost() + ":" + uri.getPort());
        if (!limiter.acquirePermission()) {
            throw new DiscoveryException(request.describe() + ": waited more than " + config.rateLimitWait.toSeconds()
                    + "s for the request rate limit of " + uri.getHost() + " (" + config.requestsPerSecond + "/s)");
        }
    }

    private long delayBeforeRetry(int attempt, Either<Throwable, RegistryResponse> outcome, IntervalFunction backoff) {
        if (outcome.isRight()) {
            RegistryResponse response = outcome.get();
            Optional<Duration> asked = response.header("Retry-After").flatMap(v -> RetryAfter.parse(v, config.clock));
            if (asked.isPresent()) {
                // A server that asks for a longer pause than we are willing to wait gets its error reported now.
                return asked.get().compareTo(config.maxRetryAfter) > 0 ? -1 : asked.get().toMillis();
            }
        }
        return backoff.apply(attempt);
    }

    private static boolean isRetryable(RegistryResponse response) {
        int status = response.status();
        return status == 429 || (status >= 500 && status <= 599 && !NOT_RETRIED_5XX.contains(status));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    private static DiscoveryException failure(RegistryRequest request, int attempts, IOException e) {
        if (e instanceof SSLHandshakeException) {
            // a certificate problem does not go away on retry; say what the user can do
            return new DiscoveryException(request.describe() + ": TLS handshake failed (" + e.getMessage() + "); if the"
                    + " registry's certificate is self-signed or private, set insecureSkipTLSVerify", e);
        }
        String what = e instanceof HttpTimeoutException ? "timed out" : "connection failed";
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DiscoveryException(request.describe() + ": " + what + " after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " (" + detail + ")", e);
    }

    /** Settings of a {@link RegistryHttp}; defaults follow Kargo where it has one. */
    public static final class Builder {
        private int requestsPerSecond = 20;
        private Duration rateLimitWait = Duration.ofMinutes(5);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(15);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseHeaderTimeout = Duration.ofSeconds(30);
        private Duration responseTimeout = Duration.ofMinutes(2);
        private long maxBodyBytes = 16L * 1024 * 1024;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private Consumer<Exchange> listener = exchange -> { };

        private Builder() {
        }

        /** Requests per second to one registry host (Kargo: {@code IMAGE_REGISTRY_RATE_LIMIT}, default 20). */
        public Builder requestsPerSecond(int requestsPerSecond) {
            this.requestsPerSecond = requestsPerSecond;
            return this;
        }

        /** How long a request may queue for the rate limit before it fails (default 5 minutes). */
        public Builder rateLimitWait(Duration rateLimitWait) {
            this.rateLimitWait = rateLimitWait;
            return this;
        }

        /** Sends per request, counting the first (default 4). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** First backoff (default 500 ms); doubles each retry with ±50% jitter, capped by {@code maxBackoff}. */
        public Builder backoff(Duration initialBackoff, Duration maxBackoff) {
            this.initialBackoff = initialBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** The longest {@code Retry-After} that is waited for (default 60 s); a longer one fails at once. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Until the response headers arrive (default 30 s, Kargo's {@code ResponseHeaderTimeout}). */
        public Builder responseHeaderTimeout(Duration responseHeaderTimeout) {
            this.responseHeaderTimeout = responseHeaderTimeout;
            return this;
        }

        /** Until the whole body has arrived (default 2 minutes). */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        /** Default body limit (16 MiB); a request may set its own. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Who waits for backoffs and {@code Retry-After}; tests record instead of sleeping. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The clock an HTTP-date {@code Retry-After} is measured against. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Told of every exchange (for counting requests in tests, benchmarks and progress); must be fast. */
        public Builder listener(Consumer<Exchange> listener) {
            this.listener = listener;
            return this;
        }

        public RegistryHttp build() {
            if (requestsPerSecond < 1 || maxAttempts < 1 || maxBodyBytes < 1) {
                throw new IllegalArgumentException("requestsPerSecond, maxAttempts and maxBodyBytes must be positive");
            }
            return new RegistryHttp(this);
        }

        private Builder copy() {
            Builder b = new Builder();
            b.requestsPerSecond = requestsPerSecond;
            b.rateLimitWait = rateLimitWait;
            b.maxAttempts = maxAttempts;
            b.initialBackoff = initialBackoff;
            b.maxBackoff = maxBackoff;
            b.maxRetryAfter = maxRetryAfter;
            b.connectTimeout = connectTimeout;
            b.responseHeaderTimeout = responseHeaderTimeout;
            b.responseTimeout = responseTimeout;
            b.maxBodyBytes = maxBodyBytes;
            b.sleeper = sleeper;
            b.clock = clock;
            b.listener = listener;
            return b;
        }
    }

}
