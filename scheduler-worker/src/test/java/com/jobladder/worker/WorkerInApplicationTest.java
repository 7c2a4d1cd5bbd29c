package com.jobladder.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobType;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker embedded with the application's registry and asked whether it is ready, as the Spring Boot
 * starter does: its job meters go to the application's registry and leave it when the worker stops; the
 * process meters stay out; notReady() answers what /health/ready answers.
 */
@Tag("integration")
class WorkerInApplicationTest {
    private static final JobType<String> GREET = JobType.text("greet");

    @TempDir
    Path dir;

    @Test
    void theWorkersMetersGoToTheApplicationsRegistryUntilItStopsAndItSaysWhetherItIsReady() {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("inapp"), dir);
        SimpleMeterRegistry application = new SimpleMeterRegistry();
        Worker worker = Worker.builder()
                .settings(config)
                .meterRegistry(application)
                .handle(GREET, (text, job) -> {})
                .start();
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(GREET.with("hello").now());
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> application
                                    .find("jobladder.job.attempts")
                                    .tags("type", "greet", "outcome", "succeeded")
                                    .counter()
                            != null,
                    () -> "the attempt counted in the application's registry");
            assertThat(worker.notReady()).isEmpty();
            assertThat(application.find("jvm.gc.pause").meters()).isEmpty();
            assertThat(application.find("jvm.memory.used").meters()).isEmpty();
        } finally {
            worker.close();
        }

        assertThat(application.getMeters())
                .extracting(Meter::getId)
                .noneMatch(id -> id.getName().startsWith("jobladder."));
        assertThat(worker.notReady()).containsExactly("not started");
    }
}
