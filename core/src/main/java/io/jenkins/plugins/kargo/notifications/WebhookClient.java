package io.jenkins.plugins.kargo.notifications;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.jenkins.plugins.kargo.api.SecretValue;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.net.CredentialScheme;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Posts JSON to a webhook whose URL is a secret (Slack's path holds its token), so over plain HTTP to loopback only
 * ({@link CredentialScheme}). Retries connection failures,
 * timeouts and 5xx with exponential backoff, never a 4xx (the receiver refused it: sending again cannot help) nor a
 * host name that does not resolve. A
 * failure is reported to the {@link EventSink} naming the URL's host only; nothing this class says or throws holds the
 * URL.
 */
final class WebhookClient {

    /** How hard to try: the timeout of one attempt, the number of attempts, and the wait before the first retry. */
    record Policy(Duration timeout, int maxAttempts, Duration firstBackoff) {
        static final Policy DEFAULT = new Policy(Duration.ofSeconds(10), 3, Duration.ofMillis(500));
    }

    private static final int MAX_REPORTED_BODY = 200;

    private final HttpClient http;
    private final Retry retry;
    private final ScheduledExecutorService executor;
    private final Policy policy;
    private final EventSink events;

    /** @param executor runs the exchanges and schedules the retries; owned by the caller */
    WebhookClient(ScheduledExecutorService executor, Policy policy, EventSink events) {
        this.http = HttpClient.newBuilder().connectTimeout(policy.timeout()).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.retry = Retry.of("webhook", RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.firstBackoff(), 2.0))
                .retryOnResult(response -> response.statusCode() >= 500)
                .retryOnException(e -> (unwrap(e) instanceof IOException || unwrap(e) instanceof TimeoutException)
                        && !unresolved(e))
                .build());
        this.executor = executor;
        this.policy = policy;
        this.events = events;
    }

    /**
     * Posts {@code json}; completes (never exceptionally) once delivered or given up, a failure having been reported.
     *
     * @param what what is sent, for the failure's report (e.g. "Slack notification of PROMOTION_FAILED in myapp/dev")
     */
    CompletableFuture<Void> post(SecretValue url, String json, String what) {
        return post(url, Optional.empty(), json, what);
    }

    /** As {@link #post(SecretValue, String, String)}, with an {@code Authorization} header (never reported). */
    CompletableFuture<Void> post(SecretValue url, Optional<String> authorization, String json, String what) {
        Redaction redaction;
        HttpRequest request;
        try {
            URI uri = new URI(url.reveal());
            redaction = Redaction.of(url.reveal(), uri);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(policy.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            authorization.ifPresent(value -> builder.header("Authorization", value));
            request = builder.build();
        } catch (URISyntaxException | IllegalArgumentException e) {
            events.warn(what + " not sent: the webhook URL is not a valid URL (value not shown: it is a secret); "
                    + "fix it in the dashboard ConfigMap");
            return CompletableFuture.completedFuture(null);
        }
        Optional<String> refused = CredentialScheme.refusal(what + " not sent", request.uri());
        if (refused.isPresent()) { // the URL is the credential: its path holds the token
            events.warn(refused.get());
            return CompletableFuture.completedFuture(null);
        }
        AtomicInteger attempts = new AtomicInteger();
        return retry.<HttpResponse<String>>executeCompletionStage(executor, () -> {
                    attempts.incrementAndGet();
                    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                            .orTimeout(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
                })
                .handle((response, failure) -> {
                    String tries = attempts.get() > 1 ? " after " + attempts.get() + " attempts" : "";
                    if (failure != null) {
                        events.warn(redaction.apply(what + " to " + redaction.host() + " failed" + tries + ": "
                                + describe(unwrap(failure))));
                    } else if (response.statusCode() / 100 != 2) {
                        events.warn(redaction.apply(what + " to " + redaction.host() + " failed: "
                                + response.statusCode() + tries + body(response)));
                    }
                    return (Void) null;
                }).toCompletableFuture();
    }

    private static String body(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        if (body.isEmpty()) {
            return "";
        }
        return " (" + (body.length() > MAX_REPORTED_BODY ? body.substring(0, MAX_REPORTED_BODY) + "..." : body) + ")";
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within the timeout";
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return "no response within the timeout";
        }
        if (unresolved(cause)) {
            return "unknown host";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect (" + (cause.getMessage() == null ? "refused or unreachable" : cause.getMessage()) + ")";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    /** A host name that does not resolve: a mistake in the URL (or no DNS), which trying again will not mend. */
    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Takes the URL's secret parts out of a text that may quote them (an exception's message, a 404 page echoing the
     * path): the URL, its path and its query, raw or decoded, become {@code <redacted>}.
     */
    private record Redaction(String host, List<String> secrets) {

        static Redaction of(String url, URI uri) {
            List<String> secrets = Stream.of(url, uri.getRawPath(), uri.getPath(), uri.getRawQuery(), uri.getQuery())
                    .filter(s -> s != null && s.length() > 1).distinct()
                    .sorted(Comparator.comparingInt(String::length).reversed()).toList();
            return new Redaction(uri.getHost() == null ? "the webhook" : uri.getHost(), secrets);
        }

        String apply(String text) {
            String redacted = text;
            for (String secret : secrets) {
                redacted = redacted.replace(secret, "<redacted>");
            }
            return redacted;
        }

        @Override
        public String toString() {
            return "Redaction[" + host + "]";
        }
    }
}
