package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.outbox.OutboxWorkers;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestOutbox;
import com.jobladder.testsupport.TestPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application process dies after its commit and before its relay published: the next relay publishes. */
@Tag("crash")
class OutboxCrashTest {
    private static final int JOBS = 200;

    @TempDir
    Path dir;

    @Test
    void jobsCommittedByAProcessThatDiedBeforePublishingArePublishedWhenARelayRunsAgain() throws Exception {
        String namespace = TestBroker.uniqueNamespace("outbox-crash");
        Path conf = Files.writeString(dir.resolve("scheduler.conf"), TestBroker.hocon(namespace, dir.resolve("data")));
        SchedulerConfig config = TestBroker.config(namespace, dir.resolve("data"));
        try (TestOutbox.Database database = TestOutbox.postgres("outbox_crash")) {
            String url = database.url();
            Path log = dir.resolve("writer.log");
            Process writer = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx128m",
                            "-cp",
                            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                                    .replace(';', File.pathSeparatorChar),
                            OutboxWriterApp.class.getName(),
                            conf.toString(),
                            url,
                            TestPostgres.USER,
                            TestPostgres.PASSWORD,
                            String.valueOf(JOBS),
                            "crash-"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertThat(writer.waitFor(120, TimeUnit.SECONDS))
                    .as("the writer ended")
                    .isTrue();
            assertThat(Files.readString(log)).as("the writer's output").contains("committed " + JOBS);
            assertThat(writer.exitValue()).isEqualTo(137);
            // It died with every row committed and none published.
            assertThat(database.rows()).isEqualTo(JOBS);

            try (OutboxWorkers workers = new OutboxWorkers(config);
                    JobScheduler restarted = JobSchedulerBuilder.fromSettings(config)
                            .outbox(database.dataSource())
                            .build()) {
                workers.awaitEachRanOnce("crash-", JOBS, database);
            }
        }
    }
}
