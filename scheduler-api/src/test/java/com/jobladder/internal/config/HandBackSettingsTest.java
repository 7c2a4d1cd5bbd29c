package com.jobladder.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandBackSettingsTest {
    @Test
    void theDefaultsHandBackFiveTimesFromOneSecondToOneMinute() {
        HandBackSettings handBack =
                ConfigLoader.fromString("", Map.of()).worker().handBack();
        assertThat(handBack).isEqualTo(new HandBackSettings(5, Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }

    @Test
    void aLimitAtTheWorkerQueuesDeliveryLimitIsRefusedSoTheWorkerNotTheBrokerEndsTheJob() {
        assertThatThrownBy(() -> ConfigLoader.fromString("jobladder.worker.hand-back.limit = 10", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "jobladder.worker.hand-back.limit = 10 is invalid: expected an integer from 1 to 9");
    }

    @Test
    void aCapBelowTheBaseIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.fromString(
                        "jobladder.worker.hand-back { backoff-base = 10s, backoff-cap = 1s }", Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jobladder.worker.hand-back.backoff-cap")
                .hasMessageContaining("at least jobladder.worker.hand-back.backoff-base");
    }
}
