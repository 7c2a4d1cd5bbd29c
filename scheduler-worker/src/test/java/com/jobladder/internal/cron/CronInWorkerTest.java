package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.JobAttempt;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker daemon with a schedules file: fires run, overlap=forbid skips, an edit takes effect. */
@Tag("integration")
class CronInWorkerTest {
    @TempDir
    Path dir;

    @Test
    void aForbiddingScheduleSkipsFiresWhileItsPreviousRunIsStillGoingAndAnEditTakesEffectWithoutRestart()
            throws Exception {
        Path schedules = dir.resolve("schedules.conf");
        Files.writeString(schedules, """
                schedules {
                  slow { cron = "* * * * * ?", syntax = quartz, time-zone = "UTC", job-type = "slow", overlap = forbid }
                }
                """);
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("cronworker"),
                dir.resolve("data"),
                "jobladder.cron { schedules-file = \"" + schedules + "\", horizon = 2s }");
        List<String> ran = new CopyOnWriteArrayList<>();
        WorkerDaemon worker = Guice.createInjector(
                        Stage.PRODUCTION, new WorkerModule(config, Clock.systemUTC()), binder -> {
                            JobHandlers.register(binder, "slow", job -> {
                                ran.add(job.jobId());
                                Thread.sleep(2_500);
                            });
                            JobHandlers.register(binder, "quick", job -> ran.add(job.jobId()));
                        })
                .getInstance(WorkerDaemon.class);
        worker.start();
        try {
            Poll.until(
                    Duration.ofSeconds(20),
                    () -> skipped(worker, "slow") >= 2,
                    () -> "fires of slow skipped while a run was going; ran " + ran);
            assertThat(worker.cronLeader()).isTrue();

            Files.writeString(schedules, """
                    schedules {
                      quick { cron = "* * * * * ?", syntax = quartz, time-zone = "UTC", job-type = "quick" }
                    }
                    """);
            Poll.until(
                    Duration.ofSeconds(20),
                    () -> ran.stream().filter(id -> id.startsWith("quick@")).count() >= 2,
                    () -> "the new schedule fires after the edit; ran " + ran);
        } finally {
            worker.stop();
        }
    }

    private static long skipped(WorkerDaemon worker, String schedule) {
        return worker.store().lastAttemptsOfSchedule(schedule, 100).stream()
                .filter(a -> a.outcome() == JobAttempt.Outcome.SKIPPED)
                .count();
    }
}
