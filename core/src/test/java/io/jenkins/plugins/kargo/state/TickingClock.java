package io.jenkins.plugins.kargo.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves one step forward each time it is read, so every recorded time is distinct and predictable. */
final class TickingClock extends Clock {

    private final Instant start;
    private final Duration step;
    private final AtomicLong reads = new AtomicLong();

    TickingClock(Instant start, Duration step) {
        this.start = start;
        this.step = step;
    }

    @Override
    public Instant instant() {
        return start.plus(step.multipliedBy(reads.getAndIncrement()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the store reads instants only");
    }
}
