package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivatePostgres;
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

/**
 * The audit database dies while jobs flow (a PostgreSQL of the test's own, stopped like a crash):
 * the worker holds its messages unacknowledged and says why, and once the database is back every
 * job completes, none lost and none succeeding twice.
 */
@Tag("crash")
class DatabaseOutageTest {
    private static final int JOBS = 2_000;
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    void whileTheDatabaseIsDownTheWorkerHoldsItsJobsAndAfterwardsEveryJobSucceedsOnce() throws Exception {
        try (PrivatePostgres database = PrivatePostgres.start()) {
            String namespace = TestBroker.uniqueNamespace("dbdown");
            Path conf = Files.writeString(dir.resolve("scheduler.conf"), """
                    jobladder {
                      data-dir = "%s"
                      broker { uri = "%s", namespace = "%s", confirm-timeout = 30s }
                      ladder { radix = 8, levels = 6, queue-type = classic }
                      audit { jdbc-url = "%s", username = postgres, password = "" }
                      worker { prefetch = 100, handler-modules = ["%s"] }
                      job-types.crashy { concurrency = 8 }
                    }
                    """.formatted(
                            dir.resolve("data"),
                            TestBroker.uri(),
                            namespace,
                            database.jdbcUrl(),
                            CrashTestHandlers.class.getName()));
            SchedulerConfig config = ConfigLoader.load(conf, Map.of());
            String workerQueue = config.topologyNames().workerQueue(CrashTestHandlers.TYPE);
            AuditDatabase audit = new AuditDatabase(database.jdbcUrl(), "postgres", "");

            try (WorkerProcess worker = WorkerProcess.start(conf, dir.resolve("worker.log"));
                    JobScheduler scheduler =
                            JobSchedulerBuilder.fromSettings(config).build()) {
                Poll.until(
                        Duration.ofSeconds(90),
                        () -> worker.logContains("started, consuming types"),
                        () -> "the worker started; its log ends:\n" + worker.logTail());
                List<JobRequest> jobs = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    jobs.add(JobRequest.ofType(CrashTestHandlers.TYPE)
                            .id("o-" + i)
                            .after(Duration.ofMillis(i * 8L)));
                }
                assertThat(scheduler.scheduleAll(jobs).failed()).isEmpty();
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> successes(audit) > JOBS / 10,
                        () -> "jobs succeeded before the outage; the worker's log ends:\n" + worker.logTail());

                database.stopImmediately();
                long atOutage = TestBroker.unacknowledged(workerQueue);
                Thread.sleep(OUTAGE.toMillis());
                long heldUnacked = TestBroker.unacknowledged(workerQueue);
                assertThat(worker.isAlive())
                        .as("the worker survives the outage")
                        .isTrue();
                assertThat(heldUnacked)
                        .as("deliveries held unacknowledged %s into the outage", OUTAGE)
                        .isPositive();
                assertThat(worker.logLinesWith("navailable"))
                        .as("the worker says why it holds them")
                        .anyMatch(line -> line.matches(".*audit store unavailable.*the job stays unacked, retrying in.*"
                                + "|.*Audit store unavailable.*holding \\d+ attempt\\(s\\) unacknowledged.*"));

                database.startServer();
                Poll.until(
                        Duration.ofSeconds(120),
                        () -> successes(audit) == JOBS,
                        () -> successes(audit) + " of " + JOBS + " succeeded after the database came back; the"
                                + " worker's log ends:\n" + worker.logTail());
                assertThat(audit.jobsSucceededMoreThanOnce())
                        .as("jobs that succeeded twice")
                        .isZero();
                assertThat(audit.count("SELECT COUNT(DISTINCT job_id) FROM job_attempt WHERE outcome = 'SUCCEEDED'"))
                        .isEqualTo(JOBS);
                System.out.printf(
                        "database outage: %d deliveries unacked at the stop, %d after %d s; all %d jobs"
                                + " succeeded once after the restart. The worker said:%n%s%n",
                        atOutage,
                        heldUnacked,
                        OUTAGE.toSeconds(),
                        JOBS,
                        worker.logLinesWith("navailable").stream().limit(3).toList());
            }
        }
    }

    /** Successes committed; 0 while the database is down. */
    private static long successes(AuditDatabase audit) {
        try {
            return audit.count("SELECT COUNT(*) FROM job_success");
        } catch (IllegalStateException down) {
            return 0;
        }
    }
}
