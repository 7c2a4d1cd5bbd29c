package com.jobladder.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(250);
    private static final Duration CAP = Duration.ofSeconds(30);

    @Test
    void theWaitDoublesFromTheBase() {
        assertThat(Backoff.doubled(BASE, 0, CAP)).isEqualTo(BASE);
        assertThat(Backoff.doubled(BASE, 1, CAP)).isEqualTo(Duration.ofMillis(500));
        assertThat(Backoff.doubled(BASE, 6, CAP)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void theWaitStopsAtTheCapHoweverManyTimes() {
        assertThat(Backoff.doubled(BASE, 7, CAP)).isEqualTo(CAP);
        assertThat(Backoff.doubled(BASE, Integer.MAX_VALUE, CAP)).isEqualTo(CAP);
        assertThat(Backoff.doubled(Duration.ofMinutes(1), 0, CAP))
                .as("a base above the cap")
                .isEqualTo(CAP);
    }
}
