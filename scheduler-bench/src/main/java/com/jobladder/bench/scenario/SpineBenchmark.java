package com.jobladder.bench.scenario;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.bench.setup.BenchNamespace;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * N jobs with delays uniform over [min, max] through the configured ladder, submitted with
 * synchronous {@code schedule} calls from T threads, run by one in-process worker with a no-op
 * handler writing audit rows to a fresh H2 file. Prints submit throughput and latency, lateness
 * percentiles and the execution rate. Uses its own namespace and deletes it afterwards.
 *
 * <pre>bin/bench spine --jobs 10000 --min-delay 1s --max-delay 10s</pre>
 */
@Command(
        name = "spine",
        mixinStandardHelpOptions = true,
        description = "Jobs through the default ladder: submit latency, lateness, executed jobs/s.")
public final class SpineBenchmark implements Callable<Integer> {
    private static final String TYPE = "bench";

    @Option(names = "--conf", defaultValue = "conf/scheduler.conf")
    Path conf;

    @Option(names = "--jobs", defaultValue = "10000")
    int jobs;

    @Option(names = "--threads", defaultValue = "4", description = "Submitting threads.")
    int threads;

    @Option(names = "--min-delay", defaultValue = "1000", description = "Milliseconds.")
    long minDelayMs;

    @Option(names = "--max-delay", defaultValue = "10000", description = "Milliseconds.")
    long maxDelayMs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SpineBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchNamespace namespace = BenchNamespace.create(conf, TYPE);
        SchedulerConfig config = namespace.config();
        Recorder lateness = new Recorder(3);
        AtomicInteger executed = new AtomicInteger();
        AtomicLong lastRunMillis = new AtomicLong();
        WorkerDaemon worker = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(config, Clock.systemUTC()),
                        binder -> JobHandlers.register(binder, TYPE, job -> {
                            long now = System.currentTimeMillis();
                            lateness.recordValue(Math.max(0, now - job.dueAt().toEpochMilli()));
                            lastRunMillis.accumulateAndGet(now, Math::max);
                            executed.incrementAndGet();
                        }))
                .getInstance(WorkerDaemon.class);
        worker.start();
        System.out.printf(
                "spine: %d jobs, delays %d-%d ms, %d submitting threads, ladder radix %d unit %s levels %d%n",
                jobs,
                minDelayMs,
                maxDelayMs,
                threads,
                config.ladder().radix(),
                config.ladder().unit(),
                config.ladder().levels());
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build()) {
            Histogram submitLatency = new Histogram(3);
            long submitStart = System.nanoTime();
            Instant firstDue = submit(scheduler, submitLatency, executed);
            double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
            long deadline = System.currentTimeMillis() + maxDelayMs + 120_000;
            while (executed.get() < jobs && System.currentTimeMillis() < deadline) {
                progress(executed.get(), jobs, "executed");
                Thread.sleep(1_000);
            }
            while (worker.store().attemptCount() < executed.get() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Histogram late = lateness.getIntervalHistogram();
            double runSeconds = (lastRunMillis.get() - firstDue.toEpochMilli()) / 1000.0;
            System.out.printf(
                    "%nsubmitted %d in %.1f s: %.0f jobs/s; submit latency p50 %.2f ms, p99 %.2f ms%n",
                    jobs,
                    submitSeconds,
                    jobs / submitSeconds,
                    submitLatency.getValueAtPercentile(50) / 1000.0,
                    submitLatency.getValueAtPercentile(99) / 1000.0);
            System.out.printf(
                    "executed %d of %d (audit rows %d); from first due to last run %.1f s: %.0f jobs/s%n",
                    executed.get(), jobs, worker.store().attemptCount(), runSeconds, executed.get() / runSeconds);
            System.out.printf(
                    "lateness p50 %d ms, p90 %d ms, p99 %d ms, p99.9 %d ms, max %d ms%n",
                    late.getValueAtPercentile(50),
                    late.getValueAtPercentile(90),
                    late.getValueAtPercentile(99),
                    late.getValueAtPercentile(99.9),
                    late.getMaxValue());
        } finally {
            worker.stop();
            namespace.close();
        }
        return 0;
    }

    /** Returns the earliest due time; records each synchronous schedule call's latency in microseconds. */
    private Instant submit(JobScheduler scheduler, Histogram latency, AtomicInteger executed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(jobs);
        AtomicLong firstDue = new AtomicLong(Long.MAX_VALUE);
        List<Future<Histogram>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                Histogram mine = new Histogram(3);
                while (left.getAndDecrement() > 0) {
                    Duration delay =
                            Duration.ofMillis(ThreadLocalRandom.current().nextLong(minDelayMs, maxDelayMs + 1));
                    long start = System.nanoTime();
                    var job = scheduler.schedule(
                            JobRequest.ofType(TYPE).payload("x".repeat(300)).after(delay));
                    mine.recordValue((System.nanoTime() - start) / 1_000);
                    firstDue.accumulateAndGet(job.dueAt().toEpochMilli(), Math::min);
                }
                return mine;
            }));
        }
        while (left.get() > 0) {
            progress(jobs - Math.max(0, left.get()), jobs, "submitted");
            Thread.sleep(500);
        }
        for (Future<Histogram> result : results) {
            latency.add(result.get());
        }
        pool.shutdown();
        return Instant.ofEpochMilli(firstDue.get());
    }

    private static void progress(int done, int total, String what) {
        System.out.printf("\r  %s %d / %d (%d%%)   ", what, done, total, 100L * done / Math.max(1, total));
        System.out.flush();
    }
}
