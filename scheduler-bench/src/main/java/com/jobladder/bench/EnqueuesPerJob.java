package com.jobladder.bench;

import com.jobladder.topology.LadderRoute;
import com.jobladder.topology.LadderSpec;
import java.time.Duration;

/**
 * How many times the broker enqueues a job on its way to the worker queue, on average over a
 * delay range: the publish, plus one dead-letter hop per non-zero digit of the delay, except the
 * digits worth less than the window W (a job leaves the ladder once its remaining delay is below
 * W, and a job due within W of submission goes straight to the worker queue). W = 0 is every
 * digit, today's ladder. Dividing the broker's ceiling enqueues/s by it gives the jobs/s the
 * broker could carry.
 */
final class EnqueuesPerJob {
    /** Delays sampled at most; a range wider than this in ms is sampled at even steps. */
    private static final long SAMPLES = 200_000;

    private EnqueuesPerJob() {
    }

    /** For one delay (the delay is rounded up to whole units, as the ladder does). */
    static int of(LadderSpec spec, Duration window, Duration delay) {
        if (delay.compareTo(window) < 0) {
            return 1;
        }
        int[] digits = LadderRoute.of(spec, delay, "x").digits();
        int enqueues = 1;
        for (int level = 0; level < digits.length; level++) {
            if (digits[level] != 0 && spec.weight(level) * spec.unitMillis() >= window.toMillis()) {
                enqueues++;
            }
        }
        return enqueues;
    }

    /** The mean over delays uniform in {@code delays}, at whole milliseconds. */
    static double mean(LadderSpec spec, Duration window, DelayRange delays) {
        long from = delays.min().toMillis();
        long to = delays.max().toMillis();
        long step = Math.max(1, (to - from + 1) / SAMPLES);
        long total = 0;
        long n = 0;
        for (long ms = from; ms <= to; ms += step) {
            total += of(spec, window, Duration.ofMillis(ms));
            n++;
        }
        return (double) total / n;
    }
}
