package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.config.ConfigLoader;
import com.jobladder.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops consuming, lets the jobs in flight finish and record, and exits. */
@Tag("crash")
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void sigtermLetsInFlightJobsFinishAndRecordThenTheDaemonExits() throws Exception {
        Path conf = Files.writeString(dir.resolve("scheduler.conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s" }
                  ladder { radix = 8, levels = 6, queue-type = classic }
                  worker { handler-modules = ["%s"], shutdown-grace = 20s }
                  job-types.slowpoke { concurrency = 2 }
                }
                """.formatted(dir.resolve("data"), TestBroker.uri(), TestBroker.uniqueNamespace("sigterm"),
                CrashTestHandlers.class.getName()));
        SchedulerConfig config = ConfigLoader.load(conf, Map.of());
        Path log = dir.resolve("worker.log");

        try (JobScheduler scheduler = JobSchedulerBuilder.fromConfig(config).build();
             WorkerProcess worker = WorkerProcess.start(conf, log)) {
            Poll.until(Duration.ofSeconds(120), () -> logSays(log, "- started"), () -> "the worker started (" + log + ")");
            scheduler.schedule(JobRequest.ofType(CrashTestHandlers.SLOW_TYPE).id("slow-1").now());
            scheduler.schedule(JobRequest.ofType(CrashTestHandlers.SLOW_TYPE).id("slow-2").now());
            Poll.until(Duration.ofSeconds(60), () -> scheduler.status("slow-1").state() == JobState.RUNNING
                    && scheduler.status("slow-2").state() == JobState.RUNNING, () -> "both jobs running (" + log + ")");

            assertThat(worker.terminate(30)).as("exit code after SIGTERM (143 = terminated by the signal)").isIn(0, 143);

            assertThat(scheduler.status("slow-1").state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(scheduler.status("slow-2").state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(Files.readString(log)).contains("- stopping").contains("- stopped");
        }
    }

    private static boolean logSays(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
