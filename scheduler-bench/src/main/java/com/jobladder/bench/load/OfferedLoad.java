package com.jobladder.bench.load;

import com.jobladder.bench.contender.Contender;
import com.jobladder.bench.measure.CpuTrace;
import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.measure.SteadyFigures;
import com.jobladder.bench.measure.SteadyWindow;
import com.jobladder.bench.measure.TimeLog;
import com.jobladder.bench.measure.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives a {@link Contender} with a {@link Workload}: {@link #SUBMITTERS} threads take job i at
 * its planned instant {@code start + i / rate} and submit it (a synchronous submit that is slow
 * delays the jobs behind it, and the achieved rate shows it; an asynchronous one is timed from
 * the call to its future's completion). Once the submissions end, the {@link SteadyWindow} is
 * known; the run waits until every job due in it has started, or a grace period after its end,
 * and measures the window ({@link SteadyFigures}) and the run over time ({@link Timeline}).
 * Jobs due after the window are not waited for.
 */
public final class OfferedLoad {
    public static final int SUBMITTERS = 64;

    /**
     * {@code achievedRate}, {@code submitMicros} and the heap figures cover the whole run; the
     * lateness, executed/s and CPU figures are the steady window's.
     */
    public record Result(
            String system,
            Workload workload,
            long submitted,
            long failed,
            double achievedRate,
            Histogram submitMicros,
            SteadyFigures steady,
            long firstSubmitMillis,
            Timeline timeline,
            double heapAfterGcMiB,
            double heapPeakMiB,
            long early,
            long mostEarlyMs) {
        /** Steady, every job due in the window started, lateness p99 under 100 ms, no failed submit. */
        public boolean sustained() {
            return failed == 0
                    && steady.steady(workload.rate())
                    && steady.notRun() == 0
                    && steady.lateness().getValueAtPercentile(99) < 100;
        }
    }

    private OfferedLoad() {}

    /** @param brokerPid the broker node's OS process, when the run has a node of its own (for its CPU) */
    public static Result run(Contender contender, Probe probe, Workload w, Duration grace, OptionalLong brokerPid)
            throws Exception {
        long jobs = w.jobs();
        byte[] payload = "p".repeat(w.payloadBytes()).getBytes();
        AtomicLong next = new AtomicLong();
        AtomicLong firstSubmit = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastSubmit = new AtomicLong();
        TimeLog submittedLog = new TimeLog(jobs);
        CpuTrace cpu = new CpuTrace(brokerPid);
        LongAdder failed = new LongAdder();
        LongAdder submitted = new LongAdder();
        long startNanos = System.nanoTime();
        long wallStart = System.currentTimeMillis();
        // A system's name may carry settings (jobladder-async@ladder.window=1024ms): job ids keep plain characters.
        String prefix = contender.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + w.rate() + "-";
        // A system that submits far below the offered rate would take many times the run's length
        // to take every job (Quartz at 5,000/s: over 20 minutes). Past a tenth more than the length,
        // stop offering: a system that needs longer achieves under 91 % of the offered rate, so its
        // due rate is NOT STEADY anyway (the bar is 95 %).
        long submitDeadline = startNanos + w.duration().toNanos() * 11 / 10;
        ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
        Histogram submitMicros = new ConcurrentHistogram(3_600_000_000L, 3);
        LongAdder outstanding = new LongAdder();
        cpu.sample();
        for (int t = 0; t < SUBMITTERS; t++) {
            pool.execute(() -> {
                long i;
                while ((i = next.getAndIncrement()) < jobs && System.nanoTime() < submitDeadline) {
                    long planned = startNanos + i * 1_000_000_000L / w.rate();
                    long wait = planned - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long delay = ThreadLocalRandom.current()
                            .nextLong(
                                    w.delays().min().toMillis(),
                                    w.delays().max().toMillis() + 1);
                    long now = System.currentTimeMillis();
                    long due = now + delay;
                    long begin = System.nanoTime();
                    outstanding.increment();
                    try {
                        contender
                                .submit(prefix + i, payload, Instant.ofEpochMilli(due))
                                .whenComplete((ignored, failure) -> {
                                    if (failure == null) {
                                        submitMicros.recordValue(Math.max(1, (System.nanoTime() - begin) / 1_000));
                                        submitted.increment();
                                        submittedLog.add(due, now);
                                        firstSubmit.accumulateAndGet(now, Math::min);
                                        lastSubmit.accumulateAndGet(now, Math::max);
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
            cpu.sample();
            heapPeak = Math.max(heapPeak, Probe.heapUsedMiB());
            progress(contender.name(), w, submitted.sum(), jobs, probe.executed(), wallStart, "submitting");
            pool.awaitTermination(pool.isTerminated() ? 0 : 1, TimeUnit.SECONDS);
            if (pool.isTerminated() && outstanding.sum() > 0) {
                Thread.sleep(10);
            }
        }
        double submitSeconds = (System.nanoTime() - startNanos) / 1e9;
        long first = submitted.sum() > 0 ? firstSubmit.get() : wallStart;
        SteadyWindow window = SteadyWindow.of(first, Math.max(first, lastSubmit.get()), w.delays());
        long deadline = window.toMillis() + grace.toMillis();
        while (System.currentTimeMillis() < deadline
                && (System.currentTimeMillis() < window.toMillis() || notStarted(window, submittedLog, probe) > 0)) {
            cpu.sample();
            heapPeak = Math.max(heapPeak, Probe.heapUsedMiB());
            progress(
                    contender.name(),
                    w,
                    submitted.sum(),
                    jobs,
                    probe.executed(),
                    wallStart,
                    String.format(
                            "steady window ends %+.0f s", (window.toMillis() - System.currentTimeMillis()) / 1000.0));
            Thread.sleep(500);
        }
        cpu.sample();
        long end = System.currentTimeMillis();
        System.out.println();
        double heapAfterGc = Probe.heapAfterGcMiB();
        SteadyFigures figures = SteadyFigures.measure(window, submittedLog, probe.executions(), cpu, end);
        Timeline timeline = Timeline.of(submittedLog, probe.executions(), first, end);
        return new Result(
                contender.name(),
                w,
                submitted.sum(),
                failed.sum(),
                submitted.sum() / submitSeconds,
                submitMicros,
                figures,
                first,
                timeline,
                heapAfterGc,
                heapPeak,
                probe.early(),
                probe.mostEarlyMillis());
    }

    /** Jobs due in the window that have not started yet. */
    private static long notStarted(SteadyWindow window, TimeLog submittedLog, Probe probe) {
        long[] n = new long[1];
        submittedLog.forEach((due, at) -> n[0] += window.contains(due) ? 1 : 0);
        probe.executions().forEach((due, started) -> n[0] -= window.contains(due) ? 1 : 0);
        return n[0];
    }

    private static void failedSubmit(LongAdder failed, Throwable failure) {
        failed.increment();
        if (failed.sum() <= 3) {
            System.err.println("submit failed: " + failure);
        }
    }

    private static void progress(
            String name, Workload w, long submitted, long jobs, long executed, long wallStart, String phase) {
        System.out.printf(
                "\r  [%3d s] %s @ %d/s, delays %s s: submitted %d / %d, executed %d; %s   ",
                (System.currentTimeMillis() - wallStart) / 1000,
                name,
                w.rate(),
                w.delays(),
                submitted,
                jobs,
                executed,
                phase);
        System.out.flush();
    }
}
