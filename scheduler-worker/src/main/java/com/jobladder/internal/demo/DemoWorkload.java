package com.jobladder.internal.demo;

import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobType;
import com.jobladder.internal.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Schedules {@code demo} jobs at a steady rate with delays spread over 0-10 s. */
public final class DemoWorkload {
    /** What a demo job carries: its place in the sequence and the delay it was given. */
    public record DemoJob(long number, long delayMillis) {}

    public static final JobType<DemoJob> DEMO = JobType.json("demo", DemoJob.class);
    private static final Logger log = LoggerFactory.getLogger(DemoWorkload.class);
    private static final long MAX_DELAY_MS = 10_000;

    private final JobScheduler scheduler;
    private final ScheduledExecutorService ticker;
    private final LongAdder scheduled = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong sequence = new AtomicLong();

    private DemoWorkload(JobScheduler scheduler) {
        this.scheduler = scheduler;
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-demo-producer"));
    }

    public static DemoWorkload start(JobScheduler scheduler, int jobsPerSecond) {
        DemoWorkload workload = new DemoWorkload(scheduler);
        long periodMicros = 1_000_000L / Math.max(1, jobsPerSecond);
        workload.ticker.scheduleAtFixedRate(workload::submitOne, 0, periodMicros, TimeUnit.MICROSECONDS);
        return workload;
    }

    private void submitOne() {
        Duration delay = Duration.ofMillis(ThreadLocalRandom.current().nextLong(MAX_DELAY_MS + 1));
        scheduler
                .scheduleAsync(DEMO.with(new DemoJob(sequence.incrementAndGet(), delay.toMillis()))
                        .after(delay))
                .whenComplete((job, error) -> {
                    if (error == null) {
                        scheduled.increment();
                    } else {
                        failed.increment();
                        log.warn("demo job not scheduled: {}", error.getMessage());
                    }
                });
    }

    public long scheduledCount() {
        return scheduled.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public void stop() {
        ticker.shutdownNow();
    }
}
