package com.jobladder.internal.clock;

import com.jobladder.internal.audit.DatabaseClock.ClockRead;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * How far the reference clock is ahead of the local one (negative: the local clock is fast), known
 * to within {@code bound} either way, as NTP measures it: the reference was read at some instant
 * between sending and receiving, so the error is at most half the round trip.
 *
 * @param measuredAt when, by the local clock
 */
public record ClockOffset(Duration offset, Duration bound, Instant measuredAt) {
    /** PostgreSQL's timestamps have microseconds: no bound is finer. */
    private static final Duration RESOLUTION = Duration.ofNanos(1_000);

    public static final ClockOffset ZERO = new ClockOffset(Duration.ZERO, Duration.ZERO, Instant.EPOCH);

    /** From the read with the shortest round trip, whose bound is the tightest. */
    static ClockOffset of(List<ClockRead> reads) {
        ClockRead best = reads.stream()
                .min(Comparator.comparing(ClockOffset::roundTrip))
                .orElseThrow(() -> new IllegalArgumentException("no clock reads to measure an offset from"));
        Duration half = roundTrip(best).dividedBy(2);
        Instant midway = best.sent().plus(half);
        Duration bound = half.compareTo(RESOLUTION) < 0 ? RESOLUTION : half;
        return new ClockOffset(Duration.between(midway, best.database()), bound, best.received());
    }

    private static Duration roundTrip(ClockRead read) {
        Duration trip = Duration.between(read.sent(), read.received());
        // A local clock stepped back during the read: the read says nothing, put it last.
        return trip.isNegative() ? Duration.ofDays(1) : trip;
    }

    /** Whether the offset is known to be other than zero: beyond its error bound. */
    boolean significant() {
        return offset.abs().compareTo(bound) > 0;
    }

    /** What the corrected clock adds to the local one: the offset where it is significant, otherwise nothing. */
    Duration correction() {
        return significant() ? offset : Duration.ZERO;
    }
}
