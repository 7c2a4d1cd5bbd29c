package com.jobladder.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The payload limit and the job timeouts stay inside what the broker takes, checked at load. */
class BrokerLimitsTest {
    @TempDir
    Path dir;

    private SchedulerConfig load(String hocon) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("scheduler.conf"), hocon), Map.of());
    }

    @Test
    void thePayloadLimitMayReachButNotPassTheBrokersMaximumMessageSize() throws IOException {
        assertThat(load("jobladder.worker.max-payload-bytes = 16777216\n")
                        .worker()
                        .maxPayloadBytes())
                .isEqualTo(16 * 1024 * 1024);

        assertThatThrownBy(() -> load("jobladder.worker.max-payload-bytes = 16777217\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(":1: jobladder.worker.max-payload-bytes = 16777217 is invalid")
                .hasMessageContaining("at most jobladder.broker.max-message-size (16777216)")
                .hasMessageContaining("max_message_size");

        assertThat(
                        load("jobladder.broker.max-message-size = 134217728\njobladder.worker.max-payload-bytes = 100000000\n")
                                .worker()
                                .maxPayloadBytes())
                .isEqualTo(100_000_000);
    }

    @Test
    void aJobTimeoutThatTheBrokersConsumerTimeoutWouldCutShortIsRefused() throws IOException {
        assertThat(load("jobladder.job-types.report.timeout = 25m\n")
                        .forType("report")
                        .timeout())
                .hasMinutes(25);

        assertThatThrownBy(() -> load("jobladder.job-types.report.timeout = 29m\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(":1: jobladder.job-types.report.timeout = \"29m\" is invalid")
                .hasMessageContaining("at most jobladder.broker.consumer-timeout (PT30M)")
                .hasMessageContaining("the job would run twice");

        assertThat(load("jobladder.job-types.report.timeout = 2h\njobladder.broker.consumer-timeout = 3h\n")
                        .forType("report")
                        .timeout())
                .hasHours(2);
    }
}
