package com.jobladder.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives a {@link Contender} with a {@link Workload}: {@link #SUBMITTERS} threads take job i at
 * its planned instant {@code start + i / rate} and submit it (a synchronous submit that is slow
 * delays the jobs behind it, and the achieved rate shows it; an asynchronous one is timed from
 * the call to its future's completion), then waits until every job ran or a grace period after
 * the last due time passed.
 */
final class OfferedLoad {
    static final int SUBMITTERS = 64;

    record Result(String system, Workload workload, long submitted, long failed, double achievedRate, Histogram submitMicros,
                  long executed, double executedPerSecond, Histogram lateness, double heapAfterGcMiB, double heapPeakMiB,
                  double cpuCores, long early, long mostEarlyMs) {
        boolean sustained() {
            return failed == 0 && executed == submitted && achievedRate >= 0.95 * workload.rate()
                    && lateness.getValueAtPercentile(99) < 100;
        }
    }

    private OfferedLoad() {
    }

    static Result run(Contender contender, Probe probe, Workload w, Duration grace) throws Exception {
        long jobs = w.jobs();
        byte[] payload = "p".repeat(w.payloadBytes()).getBytes();
        AtomicLong next = new AtomicLong();
        AtomicLong firstDue = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastDue = new AtomicLong();
        LongAdder failed = new LongAdder();
        LongAdder submitted = new LongAdder();
        long cpuStart = Probe.processCpuNanos();
        long startNanos = System.nanoTime();
        long wallStart = System.currentTimeMillis();
        String prefix = contender.name() + "-" + w.rate() + "-";
        // A system that submits far below the offered rate would take many times the run's length
        // to take every job (Quartz at 5,000/s: over 20 minutes); past twice the length, stop
        // offering. The achieved rate and the job count show what it took.
        long submitDeadline = startNanos + 2 * w.duration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
        Histogram submitMicros = new ConcurrentHistogram(3_600_000_000L, 3);
        LongAdder outstanding = new LongAdder();
        for (int t = 0; t < SUBMITTERS; t++) {
            pool.execute(() -> {
                long i;
                while ((i = next.getAndIncrement()) < jobs && System.nanoTime() < submitDeadline) {
                    long planned = startNanos + i * 1_000_000_000L / w.rate();
                    long wait = planned - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long delay = ThreadLocalRandom.current().nextLong(w.minDelay().toMillis(), w.maxDelay().toMillis() + 1);
                    Instant due = Instant.now().plusMillis(delay);
                    long begin = System.nanoTime();
                    outstanding.increment();
                    try {
                        contender.submit(prefix + i, payload, due).whenComplete((ignored, failure) -> {
                            if (failure == null) {
                                submitMicros.recordValue(Math.max(1, (System.nanoTime() - begin) / 1_000));
                                submitted.increment();
                                firstDue.accumulateAndGet(due.toEpochMilli(), Math::min);
                                lastDue.accumulateAndGet(due.toEpochMilli(), Math::max);
                            } else {
                                failedSubmit(failed, failure);
                            }
                            outstanding.decrement();
                        });
                    } catch (Exception e) {
                        failedSubmit(failed, e);
                        outstanding.decrement();
                    }
                }
            });
        }
        pool.shutdown();
        double heapPeak = 0;
        while (!pool.isTerminated() || outstanding.sum() > 0) {
            heapPeak = Math.max(heapPeak, Probe.heapUsedMiB());
            progress(contender.name(), w, submitted.sum(), jobs, probe.executed(), wallStart);
            pool.awaitTermination(pool.isTerminated() ? 0 : 1, java.util.concurrent.TimeUnit.SECONDS);
            if (pool.isTerminated() && outstanding.sum() > 0) {
                Thread.sleep(10);
            }
        }
        double submitSeconds = (System.nanoTime() - startNanos) / 1e9;
        long deadline = Math.max(lastDue.get(), System.currentTimeMillis()) + grace.toMillis();
        while (probe.executed() < submitted.sum() && System.currentTimeMillis() < deadline) {
            heapPeak = Math.max(heapPeak, Probe.heapUsedMiB());
            progress(contender.name(), w, submitted.sum(), jobs, probe.executed(), wallStart);
            Thread.sleep(1_000);
        }
        long cpu = Probe.processCpuNanos() - cpuStart;
        double wall = (System.currentTimeMillis() - wallStart) / 1000.0;
        double heapAfterGc = Probe.heapAfterGcMiB();
        System.out.println();
        double runSeconds = Math.max(0.001, (probe.lastRunMillis() - firstDue.get()) / 1000.0);
        return new Result(contender.name(), w, submitted.sum(), failed.sum(), submitted.sum() / submitSeconds,
                submitMicros, probe.executed(), probe.executed() / runSeconds, probe.lateness(), heapAfterGc, heapPeak,
                cpu / 1e9 / wall, probe.early(), probe.mostEarlyMillis());
    }

    private static void failedSubmit(LongAdder failed, Throwable failure) {
        failed.increment();
        if (failed.sum() <= 3) {
            System.err.println("submit failed: " + failure);
        }
    }

    private static void progress(String name, Workload w, long submitted, long jobs, long executed, long wallStart) {
        System.out.printf("\r  [%3d s] %s @ %d/s: submitted %d / %d, executed %d   ",
                (System.currentTimeMillis() - wallStart) / 1000, name, w.rate(), submitted, jobs, executed);
        System.out.flush();
    }
}
