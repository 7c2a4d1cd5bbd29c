package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.ScheduledJob;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class BeyondTheTopTest {
    @TempDir
    Path dataDir;

    @Test
    void aJobDueBeyondTheTopOfATinyLadderGoesRoundAgainAndRunsOnTime() throws Exception {
        // radix 2, unit 10 ms, 3 levels: one pass through the ladder lasts at most 70 ms. The
        // full-length ladder, and no holding, so that every early arrival goes round again.
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("beyond"),
                dataDir,
                "jobladder.ladder { radix = 2, unit = 10ms, levels = 3, window = 0, lead = 0 }\n"
                        + "jobladder.worker.hold-margin = 0ms");
        List<Instant> runs = new CopyOnWriteArrayList<>();

        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("far", job -> runs.add(Instant.now())));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            ScheduledJob job = scheduler.schedule(JobRequest.ofType("far").after(Duration.ofMillis(600)));

            Poll.until(Duration.ofSeconds(10), () -> !runs.isEmpty(), () -> "the job ran");
            Thread.sleep(300); // a second run would show up within a pass or two

            assertThat(runs).hasSize(1);
            assertThat(runs.get(0))
                    .isAfterOrEqualTo(job.dueAt())
                    .isBefore(job.dueAt().plusMillis(500));
            assertThat(worker.stats().reenteredCount())
                    .as("passes sent round again")
                    .isGreaterThanOrEqualTo(4);
        }
    }
}
