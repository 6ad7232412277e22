package io.jenkins.plugins.kargo.verification;

import java.time.Duration;

/**
 * How {@link AnalysisRunner} waits for the next measurement while none is in flight (while some are, it waits for
 * them instead). It may return early: the runner checks for an abort and waits again for what is left. Tests pass one
 * that advances a fake clock.
 */
@FunctionalInterface
public interface Sleeper {

    /** Real time, in slices of at most a second so that an abort is noticed within a second. */
    Sleeper SYSTEM = duration -> Thread.sleep(Math.max(1, Math.min(duration.toMillis(), 1000)));

    void sleep(Duration duration) throws InterruptedException;
}
