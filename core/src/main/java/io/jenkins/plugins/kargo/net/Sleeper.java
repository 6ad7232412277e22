package io.jenkins.plugins.kargo.net;

import java.time.Duration;

/**
 * Waits for a computed delay: a backoff, a {@code Retry-After}, the next measurement or poll. Tests pass one that
 * records the delay or advances a fake clock and returns at once, so no test sleeps for real.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread; an interrupt ends it at once. */
    Sleeper SYSTEM = delay -> Thread.sleep(Math.max(0, delay.toMillis()));

    void sleep(Duration delay) throws InterruptedException;
}
