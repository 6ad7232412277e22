package io.jenkins.plugins.kargo.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

/**
 * The classification and the attempt loop. The failures are the exceptions JGit throws, with its own messages (the
 * same cases through a real server: {@code GitSubscriberRetryTest}, {@code GitCloneRetryTest}).
 */
class GitTransportRetryTest {

    private static final String URL = "http://127.0.0.1:8080/app.git";

    private final List<Duration> waits = new ArrayList<>();
    private final GitTransportRetry retry = GitTransportRetry.of(3, Duration.ofMillis(100), Duration.ofMillis(150),
            waits::add);

    @Test
    void transientFailuresAreThoseThatMayPass() throws Exception {
        assertThat(GitTransportRetry.isTransient(transport("503 Service Unavailable"))).isTrue();
        assertThat(GitTransportRetry.isTransient(transport("502 Bad Gateway"))).isTrue();
        assertThat(GitTransportRetry.isTransient(transport("429 null"))).isTrue();
        assertThat(GitTransportRetry.isTransient(transport("remote hung up unexpectedly"))).isTrue();
        assertThat(GitTransportRetry.isTransient(wrapped("connection failed", new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(GitTransportRetry.isTransient(wrapped("cannot open git-upload-pack",
                new SocketException("Connection reset")))).isTrue();
        assertThat(GitTransportRetry.isTransient(wrapped("connection failed",
                new SocketTimeoutException("Read timed out")))).isTrue();
    }

    @Test
    void failuresThatCannotPassAreNot() throws Exception {
        assertThat(GitTransportRetry.isTransient(transport("not authorized"))).isFalse();
        assertThat(GitTransportRetry.isTransient(transport(
                "Authentication is required but no CredentialsProvider has been registered"))).isFalse();
        assertThat(GitTransportRetry.isTransient(transport("git-upload-pack not permitted on '" + URL + "/'")))
                .isFalse();
        assertThat(GitTransportRetry.isTransient(transport("400 Bad Request"))).isFalse();
        assertThat(GitTransportRetry.isTransient(transport("501 Not Implemented"))).isFalse();
        assertThat(GitTransportRetry.isTransient(transport("Remote does not have refs/heads/nope available for fetch.")))
                .isFalse();
        assertThat(GitTransportRetry.isTransient(new NoRemoteRepositoryException(new URIish(URL), "not found")))
                .isFalse();
        assertThat(GitTransportRetry.isTransient(wrapped("connection failed", new UnknownHostException("git.invalid"))))
                .isFalse();
        assertThat(GitTransportRetry.isTransient(wrapped("cannot open git-upload-pack",
                new SSLHandshakeException("PKIX path building failed")))).isFalse();
        assertThat(GitTransportRetry.isTransient(new IllegalStateException("something else"))).isFalse();
    }

    @Test
    void retriesUntilTheOperationSucceedsWaitingLongerEachTime() throws Exception {
        AtomicInteger runs = new AtomicInteger();

        String result = retry.call(() -> {
            if (runs.incrementAndGet() < 3) {
                throw transport("503 Service Unavailable");
            }
            return "refs";
        });

        assertThat(result).isEqualTo("refs");
        assertThat(runs).hasValue(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(150));
        assertThat(waits.get(1)).as("doubled, jittered, capped").isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
    }

    @Test
    void aFailureThatCannotPassIsThrownAsItIsWithoutAnotherAttempt() {
        AtomicInteger runs = new AtomicInteger();
        TransportException refused = transport("not authorized");

        assertThatThrownBy(() -> retry.call(() -> {
            runs.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(runs).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void whenEveryAttemptFailsTheAttemptsAndTheLastCauseAreReported() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(() -> {
            throw wrapped("connection failed", new SocketException("Connection reset " + runs.incrementAndGet()));
        })).isInstanceOfSatisfying(GitTransportRetry.AttemptsExhausted.class, e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e).hasMessage("3 attempts failed");
            assertThat(e.lastCause()).isEqualTo(URL + ": connection failed (Connection reset 3)");
        });
        assertThat(runs).hasValue(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void anInterruptWhileWaitingStopsTheRetriesAndKeepsTheFlag() {
        GitTransportRetry interrupted = GitTransportRetry.of(3, Duration.ofMillis(1), Duration.ofMillis(1), delay -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> interrupted.call(() -> {
                throw transport("503 Service Unavailable");
            })).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> GitTransportRetry.of(0, Duration.ofMillis(1), Duration.ofMillis(1), d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitTransportRetry.of(2, Duration.ofSeconds(2), Duration.ofSeconds(1), d -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** As JGit's TransportHttp and PackFetchConnection report them: the URL, then the message. */
    private static TransportException transport(String message) {
        return new TransportException(URL + ": " + message);
    }

    private static TransportException wrapped(String message, Exception cause) {
        return new TransportException(URL + ": " + message, cause);
    }
}
