package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class JobSchedulerModuleTest {
    @TempDir
    Path dataDir;

    @Test
    void theModuleBindsOneConnectedSchedulerPerInjector() {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("guice"), dataDir);
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new JobSchedulerModule(config));

        try (JobScheduler scheduler = injector.getInstance(JobScheduler.class)) {
            assertThat(injector.getInstance(JobScheduler.class)).isSameAs(scheduler);
            assertThat(scheduler
                            .schedule(JobRequest.ofType("ping").id("from-guice").after(Duration.ofSeconds(1)))
                            .id())
                    .isEqualTo("from-guice");
        }
    }
}
