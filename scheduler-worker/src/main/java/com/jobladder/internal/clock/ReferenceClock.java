package com.jobladder.internal.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local clock plus a correction in nanoseconds that the clock check sets: the time every part of
 * the worker reads. Copies made by {@link #withZone} share the correction.
 */
final class ReferenceClock extends Clock {
    private final Clock local;
    private final AtomicLong correctionNanos;

    ReferenceClock(Clock local) {
        this(local, new AtomicLong());
    }

    private ReferenceClock(Clock local, AtomicLong correctionNanos) {
        this.local = local;
        this.correctionNanos = correctionNanos;
    }

    void correct(Duration correction) {
        correctionNanos.set(correction.toNanos());
    }

    Duration correction() {
        return Duration.ofNanos(correctionNanos.get());
    }

    @Override
    public Instant instant() {
        return local.instant().plusNanos(correctionNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return local.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ReferenceClock(local.withZone(zone), correctionNanos);
    }

    @Override
    public String toString() {
        return "ReferenceClock[" + local + " + " + correction() + "]";
    }
}
