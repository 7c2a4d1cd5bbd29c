package com.jobladder.internal.demo;

import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.WorkerStats;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints one line every few seconds: scheduled, executed by outcome, held until due, lateness, audit rows. */
public final class LiveSummary {
    private static final Logger log = LoggerFactory.getLogger(LiveSummary.class);
    private final WorkerDaemon daemon;
    private final DemoWorkload workload;
    private final ScheduledExecutorService ticker;

    private LiveSummary(WorkerDaemon daemon, DemoWorkload workload) {
        this.daemon = daemon;
        this.workload = workload;
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-summary"));
    }

    public static LiveSummary start(WorkerDaemon daemon, DemoWorkload workload, Duration every) {
        LiveSummary summary = new LiveSummary(daemon, workload);
        summary.ticker.scheduleAtFixedRate(
                summary::printSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return summary;
    }

    private void printSafely() {
        try {
            System.out.println(line());
        } catch (RuntimeException e) {
            log.warn("live summary failed, will try again next tick: {}", e.getMessage());
        }
    }

    String line() {
        WorkerStats stats = daemon.stats();
        Histogram lateness = stats.lateness();
        Histogram arrival = stats.arrivalLateness();
        StringBuilder line = new StringBuilder("[")
                .append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS))
                .append("] ");
        if (workload != null) {
            line.append("scheduled ").append(workload.scheduledCount());
            if (workload.failedCount() > 0) {
                line.append(" (").append(workload.failedCount()).append(" refused)");
            }
            line.append(" | ");
        }
        line.append("succeeded ")
                .append(stats.count(Outcome.SUCCEEDED))
                .append(" failed ")
                .append(stats.count(Outcome.FAILED))
                .append(" dead ")
                .append(stats.count(Outcome.DEAD))
                .append(" duplicate ")
                .append(stats.count(Outcome.DUPLICATE))
                .append(" | held ")
                .append(stats.heldCount())
                .append(" | lateness p50 ")
                .append(lateness.getValueAtPercentile(50))
                .append(" ms p99 ")
                .append(lateness.getValueAtPercentile(99))
                .append(" ms max ")
                .append(lateness.getMaxValue())
                .append(" ms")
                .append(" (arrived late p99 ")
                .append(arrival.getValueAtPercentile(99))
                .append(" ms max ")
                .append(arrival.getMaxValue())
                .append(" ms)")
                .append(" | cron runs ")
                .append(stats.cronRunCount())
                .append(daemon.cronLeader() ? " (leader)" : "");
        if (daemon.store() != null) {
            line.append(" | audit rows ").append(daemon.store().attemptCount());
        }
        return line.toString();
    }

    public void stop() {
        ticker.shutdownNow();
    }
}
