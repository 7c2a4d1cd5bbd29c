package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.ScheduledJob;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EndToEndTest {
    private static final int JOBS = 200;
    private static final int THREADS = 4;

    @TempDir
    Path dataDir;

    record Run(Instant at, Instant dueAt) {}

    @Test
    void twoHundredJobsScheduledConcurrentlyEachRunExactlyOnceAndNeverBeforeTheirDueTime() throws Exception {
        SchedulerConfig config =
                TestBroker.config(TestBroker.uniqueNamespace("e2e"), dataDir, "jobladder.ladder.queue-type = quorum");
        Map<String, List<Run>> runs = new ConcurrentHashMap<>();
        JobHandler recordRun = job -> runs.computeIfAbsent(job.jobId(), id -> new CopyOnWriteArrayList<>())
                .add(new Run(Instant.now(), job.dueAt()));

        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("e2e", recordRun));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            List<ScheduledJob> scheduled = scheduleConcurrently(scheduler);

            Poll.until(
                    Duration.ofSeconds(30), () -> runs.size() == JOBS, () -> runs.size() + " of " + JOBS + " jobs ran");
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> worker.store().attemptCount() == JOBS,
                    () -> worker.store().attemptCount() + " audit rows, expected " + JOBS);

            Histogram lateness = new Histogram(3);
            for (ScheduledJob job : scheduled) {
                List<Run> jobRuns = runs.get(job.id());
                assertThat(jobRuns).as("runs of %s", job.id()).hasSize(1);
                Run run = jobRuns.get(0);
                assertThat(run.at()).as("start of %s", job.id()).isAfterOrEqualTo(job.dueAt());
                lateness.recordValue(Duration.between(job.dueAt(), run.at()).toMillis());
                assertThat(scheduler.status(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
            }
            System.out.printf(
                    "end-to-end lateness over %d jobs: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                    JOBS,
                    lateness.getValueAtPercentile(50),
                    lateness.getValueAtPercentile(90),
                    lateness.getValueAtPercentile(99),
                    lateness.getMaxValue());
            assertThat(lateness.getMaxValue())
                    .as("worst lateness in ms (a generous bound)")
                    .isLessThan(3_000);
        }
    }

    private static List<ScheduledJob> scheduleConcurrently(JobScheduler scheduler) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        AtomicInteger left = new AtomicInteger(JOBS);
        List<ScheduledJob> scheduled = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> submitters = new java.util.ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                submitters.add(threads.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        Duration delay =
                                Duration.ofMillis(ThreadLocalRandom.current().nextLong(5_001));
                        scheduled.add(scheduler.schedule(
                                JobRequest.ofType("e2e").payload("x").after(delay)));
                    }
                    return null;
                }));
            }
            for (Future<?> submitter : submitters) {
                submitter.get();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(scheduled).hasSize(JOBS);
        return scheduled;
    }
}
