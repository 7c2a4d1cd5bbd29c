package com.jobladder.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a handler reports: how late each job started (ms after its due time), how many ran, and
 * when the last one ran. Also measures this JVM: heap used after a full GC and process CPU time.
 */
final class Probe {
    private static final long MAX_LATENESS_MS = 3_600_000L;
    private final Recorder lateness = new Recorder(MAX_LATENESS_MS, 3);
    private final Histogram total = new Histogram(MAX_LATENESS_MS, 3);
    private final LongAdder executed = new LongAdder();
    private final AtomicLong lastRunMillis = new AtomicLong();
    private final LongAdder early = new LongAdder();
    private final AtomicLong earliestMs = new AtomicLong();

    /** Called by the handler with the job's due time in epoch ms. */
    void ran(long dueAtMillis) {
        long now = System.currentTimeMillis();
        if (now < dueAtMillis) {
            early.increment();
            earliestMs.accumulateAndGet(dueAtMillis - now, Math::max);
        }
        lateness.recordValue(Math.min(MAX_LATENESS_MS, Math.max(0, now - dueAtMillis)));
        executed.increment();
        lastRunMillis.accumulateAndGet(now, Math::max);
    }

    long executed() {
        return executed.sum();
    }

    /** Jobs that started before their due time (recorded as lateness 0), and the most any started early. */
    long early() {
        return early.sum();
    }

    long mostEarlyMillis() {
        return earliestMs.get();
    }

    long lastRunMillis() {
        return lastRunMillis.get();
    }

    synchronized Histogram lateness() {
        total.add(lateness.getIntervalHistogram());
        return total.copy();
    }

    /** Heap in use after a full collection, in MiB. */
    static double heapAfterGcMiB() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    static double heapUsedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** CPU time this process has used, in nanoseconds. */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
