package com.jobladder.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * This process's CPU time sampled along a run, so that CPU can be reported over a window that
 * is only known once the run has ended (the steady window ends at the last submission + the
 * shortest delay).
 */
final class CpuTrace {
    private final List<long[]> samples = new ArrayList<>();

    /** Takes a sample now. */
    void sample() {
        record(System.currentTimeMillis(), Probe.processCpuNanos());
    }

    synchronized void record(long wallMillis, long cpuNanos) {
        samples.add(new long[] {wallMillis, cpuNanos});
    }

    /** Cores used on average from {@code from} to {@code to} (epoch ms), interpolating between samples. */
    synchronized double coresBetween(long from, long to) {
        if (samples.size() < 2 || to <= from) {
            return 0;
        }
        return (cpuAt(to) - cpuAt(from)) / 1e6 / (to - from);
    }

    private double cpuAt(long millis) {
        long[] before = samples.get(0);
        for (long[] s : samples) {
            if (s[0] > millis) {
                return before[0] >= s[0] ? s[1] : before[1] + (double) (s[1] - before[1]) * (millis - before[0])
                        / (s[0] - before[0]);
            }
            before = s;
        }
        return before[1];
    }
}
