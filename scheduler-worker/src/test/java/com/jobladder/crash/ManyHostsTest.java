package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.BatchResult;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker daemons, each in a JVM of its own as on three hosts, share one PostgreSQL and the
 * broker: 20,000 jobs run once each, spread over the three, and one of them leads cron.
 */
@Tag("crash")
class ManyHostsTest {
    private static final int JOBS = 20_000;
    private static final int HOSTS = 3;

    @TempDir
    Path dir;

    @Test
    void threeDaemonsOnOnePostgresRunEveryJobOnceAndShareTheWork() throws Exception {
        String database = TestPostgres.createDatabase("hosts");
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules {
                  beat { cron = "* * * * * ?", syntax = quartz, time-zone = "UTC", job-type = "%s" }
                }
                """.formatted(CrashTestHandlers.CRON_TYPE));
        AuditDatabase audit = new AuditDatabase(database, TestPostgres.USER, TestPostgres.PASSWORD);
        List<WorkerProcess> hosts = new ArrayList<>();
        String namespace = TestBroker.uniqueNamespace("hosts");
        try {
            SchedulerConfig config = null;
            for (int h = 1; h <= HOSTS; h++) {
                Path conf = Files.writeString(dir.resolve("host-" + h + ".conf"), """
                        jobladder {
                          data-dir = "%s"
                          broker { uri = "%s", namespace = "%s", confirm-timeout = 30s }
                          ladder { radix = 8, levels = 6, queue-type = classic }
                          audit { jdbc-url = "%s", username = "%s", password = "%s" }
                          worker { id = "host-%d", prefetch = 200, handler-modules = ["%s"] }
                          job-types.crashy { concurrency = 16 }
                          cron { schedules-file = "%s", horizon = 3s }
                        }
                        """.formatted(
                                dir.resolve("data-" + h),
                                TestBroker.uri(),
                                namespace,
                                database,
                                TestPostgres.USER,
                                TestPostgres.PASSWORD,
                                h,
                                CrashTestHandlers.class.getName(),
                                schedules));
                config = ConfigLoader.load(conf, Map.of());
                hosts.add(WorkerProcess.start(conf, dir.resolve("host-" + h + ".log")));
            }
            for (WorkerProcess host : hosts) {
                Poll.until(
                        Duration.ofSeconds(90),
                        () -> host.logContains("started, consuming types"),
                        () -> "a host started; its log ends:\n" + host.logTail());
            }

            try (JobScheduler scheduler =
                    JobSchedulerBuilder.fromSettings(config).build()) {
                List<JobRequest> jobs = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    jobs.add(JobRequest.ofType(CrashTestHandlers.TYPE)
                            .id("h-" + i)
                            .after(Duration.ofMillis(i % 5_000)));
                }
                // Under this load the shared broker can confirm later than the timeout; the contract
                // is that scheduling such a job again is safe, and that is what an application does.
                for (int round = 1; round <= 3 && !jobs.isEmpty(); round++) {
                    jobs = scheduler.scheduleAll(jobs).failed().stream()
                            .map(BatchResult.Failure::request)
                            .toList();
                }
                assertThat(jobs)
                        .as("jobs still not confirmed after three rounds")
                        .isEmpty();
            }
            String succeeded = "SELECT COUNT(*) FROM job_success WHERE job_id LIKE 'h-%'";
            Poll.until(
                    Duration.ofSeconds(180),
                    () -> audit.count(succeeded) == JOBS,
                    () -> audit.count(succeeded) + " of " + JOBS + " succeeded; host-1's log ends:\n"
                            + hosts.get(0).logTail());

            assertThat(audit.jobsSucceededMoreThanOnce())
                    .as("jobs with more than one success, cron fires" + " included")
                    .isZero();
            Map<String, Long> byHost = successesByHost(database);
            assertThat(byHost)
                    .as("successes per host")
                    .hasSize(HOSTS)
                    .allSatisfy((host, n) -> assertThat(n).as(host).isGreaterThan(JOBS / 10));
            List<Integer> leaders = new ArrayList<>();
            for (int h = 0; h < HOSTS; h++) {
                if (hosts.get(h).logContains("is now the cron leader")) {
                    leaders.add(h + 1);
                }
            }
            assertThat(leaders).as("hosts that led cron").hasSize(1);
            assertThat(audit.count("SELECT COUNT(*) FROM job_success WHERE job_id LIKE 'beat@%'"))
                    .as("cron fires that ran")
                    .isPositive();
            System.out.printf(
                    "many hosts: %d jobs ran once each, per host %s; host-%d led cron%n", JOBS, byHost, leaders.get(0));
        } finally {
            for (WorkerProcess host : hosts) {
                host.close();
            }
        }
    }

    private static Map<String, Long> successesByHost(String database) throws SQLException {
        Map<String, Long> byHost = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(database, TestPostgres.USER, TestPostgres.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT worker_id, COUNT(*) FROM job_attempt"
                        + " WHERE outcome = 'SUCCEEDED' AND job_id LIKE 'h-%' GROUP BY worker_id ORDER BY worker_id")) {
            while (rows.next()) {
                byHost.put(rows.getString(1), rows.getLong(2));
            }
        }
        return byHost;
    }
}
