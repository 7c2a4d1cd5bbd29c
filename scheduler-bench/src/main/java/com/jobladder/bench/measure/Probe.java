package com.jobladder.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a handler reports: a log of each execution's due and start time (for figures over the
 * steady window and over time), how many ran, and how many started early. Also measures this
 * JVM: heap used after a full GC and process CPU time.
 */
public final class Probe {
    private final LongAdder executed = new LongAdder();
    private final LongAdder early = new LongAdder();
    private final AtomicLong earliestMs = new AtomicLong();
    private final TimeLog executions;

    /** {@code expected}: about how many jobs will run (the log grows past it if need be). */
    public Probe(long expected) {
        executions = new TimeLog(expected);
    }

    /** Called by the handler with the job's due time in epoch ms. */
    public void ran(long dueAtMillis) {
        long now = System.currentTimeMillis();
        if (now < dueAtMillis) {
            early.increment();
            earliestMs.accumulateAndGet(dueAtMillis - now, Math::max);
        }
        executed.increment();
        executions.add(dueAtMillis, now);
    }

    /** (due, started) in epoch ms, one pair per execution. */
    public TimeLog executions() {
        return executions;
    }

    public long executed() {
        return executed.sum();
    }

    /** Jobs that started before their due time (counted as lateness 0), and the most any started early. */
    public long early() {
        return early.sum();
    }

    public long mostEarlyMillis() {
        return earliestMs.get();
    }

    /** Heap in use after a full collection, in MiB. */
    public static double heapAfterGcMiB() {
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

    public static double heapUsedMiB() {
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
