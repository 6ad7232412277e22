package io.jenkins.plugins.kargo.discovery.http;

import java.time.Duration;

/**
 * Waits for a computed delay (a backoff or a {@code Retry-After}). Tests pass one that records the delay and returns
 * at once, so no test sleeps for real.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper SYSTEM = delay -> Thread.sleep(delay.toMillis());

    void sleep(Duration delay) throws InterruptedException;
}
