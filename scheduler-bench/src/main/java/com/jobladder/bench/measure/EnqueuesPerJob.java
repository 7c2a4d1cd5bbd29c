package com.jobladder.bench.measure;

import com.jobladder.internal.topology.LadderRoute;
import com.jobladder.internal.topology.LadderSpec;
import java.time.Duration;

/**
 * How many times the broker enqueues a job on its way to the worker queue, on average over a
 * delay range: the publish, plus one dead-letter hop per non-zero digit of the route the ladder
 * gives the delay ({@link LadderRoute}, which stops short at the spec's window W; W = 0 is every
 * digit). Dividing the broker's ceiling enqueues/s by it gives the jobs/s the broker could carry.
 */
public final class EnqueuesPerJob {
    /** Delays sampled at most; a range wider than this in ms is sampled at even steps. */
    private static final long SAMPLES = 200_000;

    private EnqueuesPerJob() {}

    /** For one delay, routed as the ladder routes it. */
    static int of(LadderSpec spec, Duration delay) {
        return 1 + LadderRoute.of(spec, delay, "x").hops();
    }

    /** The mean over delays uniform in {@code delays}, at whole milliseconds. */
    public static double mean(LadderSpec spec, DelayRange delays) {
        long from = delays.min().toMillis();
        long to = delays.max().toMillis();
        long step = Math.max(1, (to - from + 1) / SAMPLES);
        long total = 0;
        long n = 0;
        for (long ms = from; ms <= to; ms += step) {
            total += of(spec, Duration.ofMillis(ms));
            n++;
        }
        return (double) total / n;
    }
}
