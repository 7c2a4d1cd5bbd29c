package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobState;
import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.AuditStores;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two worker JVMs share a cron schedule; kill -9 of the leader hands over with no fire lost or run twice. */
@Tag("crash")
class CronFailoverTest {
    private static final String LEADS = "is now the cron leader";

    @TempDir
    Path dir;

    @Test
    void whenTheCronLeaderIsKilledTheOtherDaemonTakesOverAndEveryFireRunsOnce() throws Exception {
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules {
                  beat { cron = "* * * * * ?", syntax = quartz, time-zone = "Europe/Berlin", job-type = "%s" }
                }
                """.formatted(CrashTestHandlers.CRON_TYPE));
        Path conf = Files.writeString(dir.resolve("scheduler.conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s" }
                  ladder { radix = 8, levels = 6, queue-type = classic }
                  worker.handler-modules = ["%s"]
                  cron { schedules-file = "%s", horizon = 3s }
                }
                """.formatted(
                        dir.resolve("data"),
                        TestBroker.uri(),
                        TestBroker.uniqueNamespace("cronfail"),
                        CrashTestHandlers.class.getName(),
                        schedules));
        SchedulerConfig config = ConfigLoader.load(conf, Map.of());
        Path firstLog = dir.resolve("worker-1.log");
        Path secondLog = dir.resolve("worker-2.log");

        try (AuditStore store = AuditStores.open(config.audit(), config.dataDir());
                WorkerProcess first = WorkerProcess.start(conf, firstLog)) {
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> first.logContains(LEADS),
                    () -> "the first daemon leads (" + firstLog + ")");
            try (WorkerProcess second = WorkerProcess.start(conf, secondLog)) {
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> second.logContains("joined the election"),
                        () -> "the second daemon joined");
                Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
                Thread.sleep(4_000); // let the first leader run a few fires
                first.kill();
                Poll.until(
                        Duration.ofSeconds(30), () -> second.logContains(LEADS), () -> "the second daemon took over");
                Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(6);
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> succeeded(store, to),
                        () -> "the fire at " + to + " succeeded (" + secondLog + ")");

                List<Instant> missing = new ArrayList<>();
                for (Instant fire = from; !fire.isAfter(to); fire = fire.plusSeconds(1)) {
                    List<JobAttempt> attempts = store.status(jobId(fire)).attempts();
                    long successes = attempts.stream()
                            .filter(a -> a.outcome() == JobAttempt.Outcome.SUCCEEDED)
                            .count();
                    if (successes != 1) {
                        missing.add(fire);
                    }
                }
                assertThat(missing)
                        .as("fires between %s and %s without exactly one success", from, to)
                        .isEmpty();
            }
        }
    }

    private static String jobId(Instant fire) {
        return "beat@" + fire;
    }

    private static boolean succeeded(AuditStore store, Instant fire) {
        return store.status(jobId(fire)).state() == JobState.SUCCEEDED;
    }
}
