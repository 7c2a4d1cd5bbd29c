package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.BatchResult;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.JobStatus;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts a private RabbitMQ node while 5,000 jobs are in the ladder. */
@Tag("crash")
class BrokerRestartTest {
    private static final int JOBS = 5_000;

    @TempDir
    Path dataDir;

    @Test
    void everyJobRunsAndNoneSucceedsTwiceWhenTheBrokerRestartsMidFlight() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start()) {
            SchedulerConfig local = TestBroker.config("restart", dataDir, "jobladder.ladder.queue-type = quorum");
            SchedulerConfig config = local.withBroker(local.broker().withUri(broker.uri()));
            Map<String, Integer> runs = new ConcurrentHashMap<>();
            WorkerDaemon worker = Guice.createInjector(
                            Stage.PRODUCTION,
                            new WorkerModule(config, Clock.systemUTC()),
                            binder -> JobHandlers.register(
                                    binder, "survivor", job -> runs.merge(job.jobId(), 1, Integer::sum)))
                    .getInstance(WorkerDaemon.class);
            worker.start();
            try (JobScheduler scheduler =
                    JobSchedulerBuilder.fromSettings(config).build()) {
                List<JobRequest> jobs = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    jobs.add(JobRequest.ofType("survivor")
                            .id("job-" + i)
                            .after(Duration.ofMillis(ThreadLocalRandom.current().nextLong(20_001))));
                }
                BatchResult result = scheduler.scheduleAll(jobs);
                assertThat(result.failed()).isEmpty();
                Poll.until(
                        Duration.ofSeconds(20),
                        () -> runs.size() > JOBS / 10,
                        () -> "some jobs ran before the restart");

                broker.restart();

                // The client recovers by itself: scheduling works again without a new JobScheduler.
                Poll.until(Duration.ofSeconds(60), () -> tryToSchedule(scheduler), () -> "scheduling works again");
                Poll.until(
                        Duration.ofSeconds(120),
                        () -> runs.size() == JOBS + 1,
                        () -> runs.size() + " of " + (JOBS + 1) + " jobs ran; queues:\n" + broker.describeQueues());
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> worker.store().attemptCount() >= JOBS + 1,
                        () -> "every run recorded");
                for (int i = 0; i <= JOBS; i++) {
                    String id = i == JOBS ? "after-restart" : "job-" + i;
                    JobStatus status = worker.store().status(id);
                    assertThat(status.state()).as(id).isEqualTo(JobState.SUCCEEDED);
                    assertThat(status.attempts())
                            .as("successes of %s", id)
                            .filteredOn(attempt -> attempt.outcome() == JobAttempt.Outcome.SUCCEEDED)
                            .hasSize(1);
                }
                System.out.printf(
                        "broker restart: %d jobs, %d handler runs in all (%d repeated after the restart,"
                                + " recorded as DUPLICATE or re-run before the ack)%n",
                        JOBS + 1,
                        runs.values().stream().mapToInt(Integer::intValue).sum(),
                        runs.values().stream().filter(n -> n > 1).count());
            } finally {
                worker.stop();
            }
        }
    }

    private static boolean tryToSchedule(JobScheduler scheduler) {
        try {
            scheduler.schedule(JobRequest.ofType("survivor").id("after-restart").after(Duration.ofMillis(100)));
            return true;
        } catch (ScheduleFailedException e) {
            return false;
        }
    }
}
