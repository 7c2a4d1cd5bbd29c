package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.config.ConfigLoader;
import com.jobladder.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivatePostgres;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
                    """.formatted(dir.resolve("data"), TestBroker.uri(), namespace, database.jdbcUrl(),
                    CrashTestHandlers.class.getName()));
            SchedulerConfig config = ConfigLoader.load(conf, Map.of());
            String workerQueue = config.topologyNames().workerQueue(CrashTestHandlers.TYPE);
            Path log = dir.resolve("worker.log");

            try (WorkerProcess worker = WorkerProcess.start(conf, log);
                 JobScheduler scheduler = JobSchedulerBuilder.fromConfig(config).build()) {
                Poll.until(Duration.ofSeconds(90), () -> contains(log, "started, consuming types"),
                        () -> "the worker started; its log ends:\n" + worker.logTail());
                List<JobRequest> jobs = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    jobs.add(JobRequest.ofType(CrashTestHandlers.TYPE).id("o-" + i)
                            .after(Duration.ofMillis(i * 8L)));
                }
                assertThat(scheduler.scheduleAll(jobs).failed()).isEmpty();
                Poll.until(Duration.ofSeconds(60), () -> successes(database) > JOBS / 10,
                        () -> "jobs succeeded before the outage; the worker's log ends:\n" + worker.logTail());

                database.stopImmediately();
                long atOutage = TestBroker.unacknowledged(workerQueue);
                Thread.sleep(OUTAGE.toMillis());
                long heldUnacked = TestBroker.unacknowledged(workerQueue);
                assertThat(worker.isAlive()).as("the worker survives the outage").isTrue();
                assertThat(heldUnacked).as("deliveries held unacknowledged %s into the outage", OUTAGE).isPositive();
                assertThat(Files.readString(log)).as("the worker says why it holds them")
                        .containsPattern("audit store unavailable.*the job stays unacked, retrying in"
                                + "|Audit store unavailable.*holding \\d+ attempt\\(s\\) unacknowledged");

                database.startServer();
                Poll.until(Duration.ofSeconds(120), () -> successes(database) == JOBS,
                        () -> successes(database) + " of " + JOBS + " succeeded after the database came back; the"
                                + " worker's log ends:\n" + worker.logTail());
                assertThat(count(database, "SELECT COUNT(*) FROM (SELECT job_id FROM job_attempt"
                        + " WHERE outcome = 'SUCCEEDED' GROUP BY job_id HAVING COUNT(*) > 1) twice"))
                        .as("jobs that succeeded twice").isZero();
                assertThat(count(database, "SELECT COUNT(DISTINCT job_id) FROM job_attempt WHERE outcome = 'SUCCEEDED'"))
                        .isEqualTo(JOBS);
                System.out.printf("database outage: %d deliveries unacked at the stop, %d after %d s; all %d jobs"
                        + " succeeded once after the restart. The worker said:%n%s%n", atOutage, heldUnacked,
                        OUTAGE.toSeconds(), JOBS, Files.readAllLines(log).stream()
                                .filter(line -> line.contains("navailable")).limit(3).toList());
            }
        }
    }

    /** Successes committed; 0 while the database is down. */
    private static long successes(PrivatePostgres database) {
        try {
            return count(database, "SELECT COUNT(*) FROM job_success");
        } catch (IllegalStateException down) {
            return 0;
        }
    }

    private static long count(PrivatePostgres database, String sql) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
