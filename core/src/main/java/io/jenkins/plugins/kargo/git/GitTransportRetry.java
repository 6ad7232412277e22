package io.jenkins.plugins.kargo.git;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.jenkins.plugins.kargo.net.Sleeper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;

/**
 * Retries a git network operation ({@code ls-remote}, fetch, the fetch of a clone) whose failure may pass: the
 * connection refused, reset or timed out, the remote hanging up early, or a smart-HTTP server answering 429 or a
 * 5xx other than 501/505. What cannot succeed on a second try fails at once: authentication, a repository that is
 * not there, any other HTTP 4xx, a missing ref, TLS and certificate problems, an unknown host, and anything not
 * recognised as transient. Waits between attempts grow exponentially with ±50% jitter, capped.
 *
 * <p>Retrying is safe because each operation retried only reads from the remote: a failed fetch moves no ref, and
 * a retry fetches again into the same repository. Thread-safe; share one instance.
 */
public final class GitTransportRetry {

    /** 4 attempts, waiting about 1 s, 2 s and 4 s between them (±50%), at most 15 s. */
    public static final GitTransportRetry DEFAULT = of(4, Duration.ofSeconds(1), Duration.ofSeconds(15), Sleeper.SYSTEM);

    /** A git command against a remote, run once per attempt. */
    @FunctionalInterface
    public interface Operation<T> {
        T run() throws GitAPIException, IOException;
    }

    /**
     * Every attempt failed transiently; the cause is the last failure. The message is only the count: callers name
     * the repository and say what they were doing.
     */
    public static final class AttemptsExhausted extends IOException {

        private final int attempts;

        AttemptsExhausted(int attempts, Exception last) {
            super(attempts + (attempts == 1 ? " attempt" : " attempts") + " failed", last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }

        /**
         * The last failure's message, followed by its root cause's when that says more (JGit reports a dropped
         * connection as "connection failed" and keeps the socket's words in the cause).
         */
        public String lastCause() {
            Throwable root = getCause();
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String last = String.valueOf(getCause().getMessage());
            return root == getCause() || root.getMessage() == null || last.contains(root.getMessage()) ? last
                    : last + " (" + root.getMessage() + ")";
        }
    }

    private static final Pattern HTTP_STATUS = Pattern.compile("(?:^|: )([1-5]\\d\\d)(?: |$)");
    private static final List<String> PERMANENT = List.of("not authorized", "authentication", "not permitted",
            "not found", "does not have", "no credentialsprovider", "invalid");
    private static final List<String> TRANSIENT = List.of("hung up", "short read", "unexpected end of input",
            "connection reset", "connection refused", "broken pipe", "timed out", "time out", "premature eof");

    private final Retry retry;
    private final int maxAttempts;
    private final Sleeper sleeper;

    private GitTransportRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.retry = Retry.of("git", RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(GitTransportRetry::isTransient)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5, maxBackoff))
                .build());
    }

    /**
     * @param maxAttempts    runs of an operation, counting the first (1: never retry)
     * @param initialBackoff the first wait, doubled after each further failure, with ±50% jitter
     * @param sleeper        who waits; tests pass one that returns at once
     */
    public static GitTransportRetry of(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {
        if (maxAttempts < 1 || initialBackoff.toMillis() < 1 || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need maxAttempts >= 1 and 1 ms <= initialBackoff <= maxBackoff");
        }
        return new GitTransportRetry(maxAttempts, initialBackoff, maxBackoff, sleeper);
    }

    /** Runs of an operation at most, counting the first. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Runs the operation, again after a transient failure until it succeeds or the attempts are used up.
     *
     * @throws AttemptsExhausted   when every attempt failed transiently (its cause is the last failure)
     * @throws InterruptedIOException when interrupted while waiting for the next attempt (the flag is set again)
     * @throws GitAPIException     as the operation threw it, when its failure is not transient (at once)
     */
    public <T> T call(Operation<T> operation) throws GitAPIException, IOException {
        Retry.AsyncContext<T> context = retry.asyncContext();
        for (int attempt = 1; ; attempt++) {
            long delayMillis;
            try {
                T result = operation.run();
                context.onComplete();
                return result;
            } catch (GitAPIException | IOException | JGitInternalException e) {
                if (!isTransient(e) || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                delayMillis = context.onError(e);
                if (delayMillis < 0) {
                    throw new AttemptsExhausted(attempt, e);
                }
            }
            try {
                sleeper.sleep(Duration.ofMillis(delayMillis));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                InterruptedIOException stop = new InterruptedIOException("interrupted while waiting to retry");
                stop.initCause(interrupted);
                throw stop;
            }
        }
    }

    /**
     * Whether a JGit failure may pass on another attempt. JGit reports most transport failures as a
     * {@code TransportException} whose message carries the HTTP status or JGit's own words, sometimes with the
     * socket's exception as the cause, so both the cause chain's types and its messages are read.
     */
    public static boolean isTransient(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException
                    || t instanceof NotSupportedException || t instanceof SSLException
                    || t instanceof CertificateException || t instanceof GeneralSecurityException
                    || t instanceof UnknownHostException || t instanceof URISyntaxException) {
                return false;
            }
        }
        for (Throwable t : chain) {
            Matcher status = HTTP_STATUS.matcher(message(t));
            if (status.find()) {
                int code = Integer.parseInt(status.group(1));
                return code == 429 || (code >= 500 && code != 501 && code != 505);
            }
        }
        if (chain.stream().map(GitTransportRetry::message).anyMatch(m -> PERMANENT.stream().anyMatch(m::contains))) {
            return false;
        }
        return chain.stream().anyMatch(t -> t instanceof ConnectException || t instanceof SocketException
                || t instanceof EOFException || t instanceof InterruptedIOException)
                || chain.stream().map(GitTransportRetry::message).anyMatch(m -> TRANSIENT.stream().anyMatch(m::contains));
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
