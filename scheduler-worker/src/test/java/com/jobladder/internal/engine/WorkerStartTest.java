package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobType;
import com.jobladder.api.JobladderException;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerStartTest {
    @TempDir
    Path dataDir;

    @Test
    void aWorkerThatCannotReachTheBrokerSaysSoAndLeavesNothingRunningBehind() {
        SchedulerConfig config = ConfigLoader.fromString("""
                jobladder.data-dir = "%s"
                jobladder.broker { uri = "amqp://guest:guest@127.0.0.1:1/%%2f", connection-timeout = 2s }
                """.formatted(dataDir), Map.of());

        assertThatThrownBy(() -> Worker.builder()
                        .settings(config)
                        .handle(JobType.text("note"), (text, job) -> {})
                        .start())
                .isInstanceOf(JobladderException.class)
                .hasMessageContaining("cannot connect to the broker at amqp://guest:***@127.0.0.1:1");
        Poll.until(
                Duration.ofSeconds(5),
                () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(thread -> thread.getName().equals("jobladder-audit-writer")),
                () -> "the audit writer of the failed start stopped");
    }
}
