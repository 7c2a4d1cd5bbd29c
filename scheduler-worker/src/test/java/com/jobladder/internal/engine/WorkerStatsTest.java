package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkerStatsTest {
    @Test
    void aDueTimeAtTheEdgeOfTimeCountsAsTheLongestTrackedLatenessWithoutOverflowing() {
        WorkerStats stats = new WorkerStats();
        Instant now = Instant.now();
        stats.started("t", Duration.between(Instant.ofEpochMilli(Long.MIN_VALUE), now));
        stats.started("t", Duration.between(Instant.ofEpochMilli(Long.MAX_VALUE), now));
        stats.started("t", Duration.ofMillis(42));

        assertThat(stats.lateness().getTotalCount()).isEqualTo(3);
        assertThat(stats.lateness().getMaxValue())
                .isGreaterThanOrEqualTo(Duration.ofDays(1).toMillis() - 1);
        assertThat(stats.lateness().getMinValue()).isZero();
    }

    @Test
    void arrivalsAreRecordedApartFromStartsAndEarlyOnesCountAsOnTime() {
        WorkerStats stats = new WorkerStats();
        stats.arrived("t", Duration.ofSeconds(-4));
        stats.arrived("t", Duration.ofMillis(300));
        stats.started("t", Duration.ofMillis(2));

        assertThat(stats.arrivalLateness().getTotalCount()).isEqualTo(2);
        assertThat(stats.arrivalLateness().getMinValue()).isZero();
        assertThat(stats.arrivalLateness().getMaxValue()).isBetween(299L, 301L);
        assertThat(stats.lateness().getTotalCount()).isEqualTo(1);
        assertThat(stats.lateness().getMaxValue()).isEqualTo(2);
    }
}
