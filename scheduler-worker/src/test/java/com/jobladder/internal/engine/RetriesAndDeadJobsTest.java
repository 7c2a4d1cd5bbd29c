package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.JobStatus;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.deadjobs.DeadJob;
import com.jobladder.internal.deadjobs.DeadJobs;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class RetriesAndDeadJobsTest {
    private static final String SETTINGS = """
            jobladder.job-types.flaky { max-attempts = 3, backoff-base = 100ms, backoff-cap = 200ms }
            jobladder.job-types.slow { max-attempts = 1, timeout = 200ms }
            """;

    @TempDir
    Path dataDir;

    @Test
    void aFailingHandlerIsRetriedWithBackoffAndEveryAttemptIsAnAuditRow() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("retry"), dataDir, SETTINGS);
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        JobHandler failTwice = job -> {
            if (calls.merge(job.jobId(), 1, Integer::sum) < 3) {
                throw new IllegalStateException("attempt " + job.attempt() + " fails");
            }
        };
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("flaky", failTwice));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("flaky").id("flaky-1").now());

            Poll.until(
                    Duration.ofSeconds(10),
                    () -> scheduler.status("flaky-1").state() == JobState.SUCCEEDED,
                    () -> "flaky-1 succeeded, status " + scheduler.status("flaky-1"));

            List<JobAttempt> attempts = scheduler.status("flaky-1").attempts();
            assertThat(attempts).extracting(JobAttempt::attempt).containsExactly(1, 2, 3);
            assertThat(attempts)
                    .extracting(JobAttempt::outcome)
                    .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.SUCCEEDED);
            assertThat(attempts.get(0).error()).contains("IllegalStateException: attempt 1 fails");
            assertThat(Duration.between(
                            attempts.get(0).finishedAt(), attempts.get(1).startedAt()))
                    .as("backoff before the first retry")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void afterTheLastAttemptTheJobIsDeadAndCanBeRedrivenKeepingItsIdAndHistory() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("dead"), dataDir, SETTINGS);
        AtomicBoolean broken = new AtomicBoolean(true);
        JobHandler handler = job -> {
            if (broken.get()) {
                throw new IllegalStateException("downstream is down");
            }
        };
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("flaky", handler));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build();
                BrokerSession session = BrokerSession.open(config, "test-dead-jobs", Clock.systemUTC())) {
            scheduler.schedule(JobRequest.ofType("flaky").id("doomed").now());
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> scheduler.status("doomed").state() == JobState.DEAD,
                    () -> "doomed is dead, status " + scheduler.status("doomed"));

            DeadJobs deadJobs = new DeadJobs(session.connection(), session.publisher(), config, Clock.systemUTC());
            List<DeadJob> listed = deadJobs.list(10);
            assertThat(listed).singleElement().satisfies(job -> {
                assertThat(job.jobId()).isEqualTo("doomed");
                assertThat(job.attempt()).isEqualTo(3);
                assertThat(job.reason()).contains("failed 3 of 3 attempts").contains("downstream is down");
            });

            broken.set(false);
            assertThat(deadJobs.redrive(job -> job.jobId().equals("doomed"))).hasSize(1);
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> scheduler.status("doomed").state() == JobState.SUCCEEDED,
                    () -> "redriven job succeeded, status " + scheduler.status("doomed"));
            JobStatus status = scheduler.status("doomed");
            assertThat(status.attempts())
                    .extracting(JobAttempt::outcome)
                    .containsExactly(Outcome.FAILED, Outcome.FAILED, Outcome.DEAD, Outcome.SUCCEEDED);
            assertThat(deadJobs.list(10)).isEmpty();
        }
    }

    @Test
    void aHandlerRunningPastItsTimeoutIsInterruptedAndTheAttemptFails() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("timeout"), dataDir, SETTINGS);
        JobHandler sleeper = job -> Thread.sleep(10_000);
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("slow", sleeper));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("slow").id("sleepy").now());

            Poll.until(
                    Duration.ofSeconds(5),
                    () -> scheduler.status("sleepy").state() == JobState.DEAD,
                    () -> "sleepy is dead, status " + scheduler.status("sleepy"));
            assertThat(scheduler.status("sleepy").attempts().get(0).error()).contains("timed out after 200 ms");
        }
    }
}
