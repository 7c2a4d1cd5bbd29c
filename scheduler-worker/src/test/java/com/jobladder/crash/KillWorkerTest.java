package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobStatus;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.AuditStores;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a worker JVM mid-flight: a second worker finishes; nothing lost, no success twice. */
@Tag("crash")
class KillWorkerTest {
    private static final int JOBS = 2_000;

    @TempDir
    Path dir;

    @Test
    void aSecondWorkerFinishesTheWorkOfAKilledOneWithoutLossOrADoubleSuccess() throws Exception {
        String namespace = TestBroker.uniqueNamespace("kill");
        Path conf = Files.writeString(dir.resolve("scheduler.conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s", confirm-timeout = 30s }
                  ladder { radix = 8, levels = 6, queue-type = classic }
                  worker { prefetch = 100, handler-modules = ["%s"] }
                  job-types.crashy { concurrency = 8 }
                }
                """.formatted(
                        dir.resolve("data"), TestBroker.uri(), namespace, CrashTestHandlers.class.getName()));
        SchedulerConfig config = ConfigLoader.load(conf, Map.of());

        try (AuditStore store = AuditStores.open(config.audit(), config.dataDir());
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            List<JobRequest> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                jobs.add(JobRequest.ofType(CrashTestHandlers.TYPE).id("k-" + i).after(Duration.ofMillis(i % 3_000)));
            }
            assertThat(scheduler.scheduleAll(jobs).failed()).isEmpty();

            WorkerProcess first = WorkerProcess.start(conf, dir.resolve("worker-1.log"));
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> store.successCount() > JOBS / 5,
                    () -> "the first worker made progress; its log ends:\n" + first.logTail());
            first.kill();
            long atKill = store.successCount();

            try (WorkerProcess second = WorkerProcess.start(conf, dir.resolve("worker-2.log"))) {
                Poll.until(
                        Duration.ofSeconds(120),
                        () -> store.successCount() == JOBS,
                        () -> store.successCount() + " of " + JOBS + " succeeded; the second worker's log ends:\n"
                                + second.logTail());
            }
            for (int i = 0; i < JOBS; i++) {
                JobStatus status = scheduler.status("k-" + i);
                assertThat(status.attempts())
                        .as("successes of k-%d", i)
                        .filteredOn(attempt -> attempt.outcome() == JobAttempt.Outcome.SUCCEEDED)
                        .hasSize(1);
            }
            System.out.printf(
                    "kill -9: %d of %d jobs had succeeded when the first worker died; the second finished"
                            + " the rest%n",
                    atKill, JOBS);
        }
    }
}
