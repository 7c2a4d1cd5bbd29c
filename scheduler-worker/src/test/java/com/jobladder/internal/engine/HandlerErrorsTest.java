package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handler that throws an Error fails its attempt like any exception: no thread dies, no delivery is left unsettled. */
@Tag("integration")
class HandlerErrorsTest {
    private static final String SETTINGS = """
            jobladder.worker.prefetch = 1
            jobladder.job-types.erring { max-attempts = 2, backoff-base = 100ms, backoff-cap = 200ms, concurrency = 1 }
            """;

    @TempDir
    Path dataDir;

    @Test
    void aStackOverflowOrOutOfMemoryErrorIsAFailedAttemptRetriedThenDeadAndTheNextJobStillRuns() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("errors"), dataDir, SETTINGS);
        JobHandler handler = job -> {
            switch (job.payloadText()) {
                case "recurse" -> recurse(1);
                case "oom" -> throw new OutOfMemoryError("simulated: no room for the report");
                default -> {}
            }
        };
        String queue = config.topologyNames().workerQueue("erring");
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("erring", handler));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(
                    JobRequest.ofType("erring").id("deep").payload("recurse").now());
            scheduler.schedule(
                    JobRequest.ofType("erring").id("greedy").payload("oom").now());
            scheduler.schedule(
                    JobRequest.ofType("erring").id("plain").payload("fine").now());

            // One handler thread and a prefetch of 1: "plain" runs only if that thread survived and no slot leaked.
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> scheduler.status("plain").state() == JobState.SUCCEEDED
                            && scheduler.status("deep").state() == JobState.DEAD
                            && scheduler.status("greedy").state() == JobState.DEAD,
                    () -> "all three settled: " + scheduler.status("deep") + ", " + scheduler.status("greedy") + ", "
                            + scheduler.status("plain"));
            assertThat(scheduler.status("deep").attempts())
                    .extracting(JobAttempt::outcome)
                    .containsExactly(Outcome.FAILED, Outcome.DEAD);
            assertThat(scheduler.status("deep").attempts().get(0).error()).contains("StackOverflowError");
            assertThat(scheduler.status("greedy").attempts().get(0).error())
                    .contains("OutOfMemoryError: simulated: no room for the report");
            Poll.until(
                    Duration.ofSeconds(15),
                    () -> TestBroker.unacknowledged(queue) == 0,
                    () -> TestBroker.unacknowledged(queue) + " deliveries unacked on " + queue + ", expected 0");
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
