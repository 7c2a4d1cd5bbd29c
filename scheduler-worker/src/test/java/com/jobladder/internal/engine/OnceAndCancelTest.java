package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.BatchResult;
import com.jobladder.api.CancelResult;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class OnceAndCancelTest {
    @TempDir
    Path dataDir;

    @Test
    void theSameJobIdPublishedTwiceRunsOnceAndTheSecondIsRecordedAsDuplicate() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("once"), dataDir);
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        try (WorkerDaemon worker =
                        TestWorkers.start(config, Map.of("once", job -> runs.merge(job.jobId(), 1, Integer::sum)));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("once").id("pay-invoice-7").now());
            Poll.until(
                    Duration.ofSeconds(5),
                    () -> scheduler.status("pay-invoice-7").state() == JobState.SUCCEEDED,
                    () -> "first run succeeded");
            scheduler.schedule(JobRequest.ofType("once").id("pay-invoice-7").after(Duration.ofMillis(100)));

            Poll.until(
                    Duration.ofSeconds(5),
                    () -> scheduler.status("pay-invoice-7").attempts().size() == 2,
                    () -> "second delivery recorded: " + scheduler.status("pay-invoice-7"));
            assertThat(runs).containsEntry("pay-invoice-7", 1);
            assertThat(scheduler.status("pay-invoice-7").attempts())
                    .extracting(JobAttempt::outcome)
                    .containsExactly(Outcome.SUCCEEDED, Outcome.DUPLICATE);
            assertThat(scheduler.status("pay-invoice-7").state()).isEqualTo(JobState.SUCCEEDED);
        }
    }

    @Test
    void aCancelledJobIsSkippedAndRecordedAsCancelledAndAFinishedOneSaysSo() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("cancel"), dataDir);
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        try (WorkerDaemon worker =
                        TestWorkers.start(config, Map.of("mail", job -> runs.merge(job.jobId(), 1, Integer::sum)));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("mail").id("reminder").after(Duration.ofMillis(800)));
            assertThat(scheduler.status("reminder").state()).isEqualTo(JobState.PENDING);

            assertThat(scheduler.cancel("reminder")).isEqualTo(CancelResult.CANCELLED);
            assertThat(scheduler.cancel("reminder")).isEqualTo(CancelResult.ALREADY_CANCELLED);
            Poll.until(
                    Duration.ofSeconds(5),
                    () -> !scheduler.status("reminder").attempts().isEmpty(),
                    () -> "the cancelled job reached a worker");

            assertThat(runs).doesNotContainKey("reminder");
            assertThat(scheduler.status("reminder").state()).isEqualTo(JobState.CANCELLED);
            assertThat(scheduler.status("reminder").attempts())
                    .extracting(JobAttempt::outcome)
                    .containsExactly(Outcome.CANCELLED);

            scheduler.schedule(JobRequest.ofType("mail").id("sent").now());
            Poll.until(
                    Duration.ofSeconds(5),
                    () -> scheduler.status("sent").state() == JobState.SUCCEEDED,
                    () -> "sent succeeded");
            assertThat(scheduler.cancel("sent")).isEqualTo(CancelResult.ALREADY_FINISHED);
        }
    }

    @Test
    void aJobWhoseHandlerIsBusyForMoreThanASecondShowsAsRunningThenSucceeded() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("running"), dataDir);
        CountDownLatch release = new CountDownLatch(1);
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("long", job -> release.await()));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("long").id("report-2026").now());

            Poll.until(
                    Duration.ofSeconds(10),
                    () -> scheduler.status("report-2026").state() == JobState.RUNNING,
                    () -> "report-2026 shows RUNNING, status " + scheduler.status("report-2026"));
            release.countDown();
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> scheduler.status("report-2026").state() == JobState.SUCCEEDED,
                    () -> "report-2026 succeeded, status " + scheduler.status("report-2026"));
        }
    }

    @Test
    void aBatchIsPublishedWithPipelinedConfirmsAndAnAtomicBatchRunsWhole() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("batch"), dataDir);
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        try (WorkerDaemon worker =
                        TestWorkers.start(config, Map.of("bulk", job -> runs.merge(job.jobId(), 1, Integer::sum)));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            List<JobRequest> jobs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                jobs.add(JobRequest.ofType("bulk").id("bulk-" + i).after(Duration.ofMillis(i)));
            }
            BatchResult result = scheduler.scheduleAll(jobs);
            assertThat(result.allScheduled()).isTrue();
            assertThat(result.scheduled()).hasSize(300);

            List<JobRequest> atomic = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                atomic.add(JobRequest.ofType("bulk").id("tx-" + i).after(Duration.ofMillis(200)));
            }
            assertThat(scheduler.scheduleAllAtomically(atomic)).hasSize(50);

            Poll.until(Duration.ofSeconds(15), () -> runs.size() == 350, () -> runs.size() + " of 350 ran");
            assertThat(runs.values()).containsOnly(1);
        }
    }
}
