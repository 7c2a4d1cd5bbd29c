package com.jobladder.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jobladder.internal.topology.LadderSpec;
import com.jobladder.internal.topology.QueueType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnqueuesPerJobTest {
    private static final LadderSpec RADIX_16 = new LadderSpec(16, Duration.ofMillis(1), 8, QueueType.QUORUM, 1000);
    private static final Duration W_4096 = Duration.ofMillis(4096);

    @Test
    void withoutAWindowAJobIsEnqueuedOnceAndOncePerNonZeroDigit() {
        assertThat(EnqueuesPerJob.of(RADIX_16, Duration.ZERO)).isEqualTo(1);
        assertThat(EnqueuesPerJob.of(RADIX_16, Duration.ofMillis(0x1000))).isEqualTo(2);
        assertThat(EnqueuesPerJob.of(RADIX_16, Duration.ofMillis(0x1001))).isEqualTo(3);
        assertThat(EnqueuesPerJob.of(RADIX_16, Duration.ofMillis(0xF0F0F))).isEqualTo(4);
    }

    @Test
    void withAWindowTheDigitsBelowItAreNotTravelledAndShortDelaysGoStraightToTheWorker() {
        assertThat(EnqueuesPerJob.of(RADIX_16.withApproach(W_4096, Duration.ZERO), Duration.ofMillis(4095)))
                .isEqualTo(1);
        assertThat(EnqueuesPerJob.of(RADIX_16.withApproach(W_4096, Duration.ZERO), Duration.ofMillis(4096)))
                .isEqualTo(2);
        assertThat(EnqueuesPerJob.of(RADIX_16.withApproach(W_4096, Duration.ZERO), Duration.ofMillis(4097)))
                .isEqualTo(2);
        assertThat(EnqueuesPerJob.of(RADIX_16.withApproach(W_4096, Duration.ZERO), Duration.ofMillis(0xF0F0F)))
                .isEqualTo(2);
    }

    @Test
    void theMeansForOneToSixtySecondsAreTheFiguresTheDocsGive() {
        DelayRange oneToSixty = DelayRange.parse("1-60");

        assertThat(EnqueuesPerJob.mean(RADIX_16, oneToSixty)).isCloseTo(4.8, within(0.1));
        assertThat(EnqueuesPerJob.mean(RADIX_16.withApproach(Duration.ofMillis(256), Duration.ZERO), oneToSixty))
                .isCloseTo(2.9, within(0.1));
        assertThat(EnqueuesPerJob.mean(RADIX_16.withApproach(W_4096, Duration.ZERO), oneToSixty))
                .isCloseTo(1.9, within(0.1));
    }

    @Test
    void aRangeOfOneDelayHasThatDelaysCount() {
        assertThat(EnqueuesPerJob.mean(RADIX_16, DelayRange.parse("1-1"))).isEqualTo(4.0); // 0x3E8
    }
}
