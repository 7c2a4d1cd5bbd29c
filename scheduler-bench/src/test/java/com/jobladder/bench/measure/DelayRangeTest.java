package com.jobladder.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DelayRangeTest {

    @Test
    void aRangeIsWrittenInSecondsAndPrintedAsWritten() {
        DelayRange range = DelayRange.parse("1-60");

        assertThat(range.min()).isEqualTo(Duration.ofSeconds(1));
        assertThat(range.max()).isEqualTo(Duration.ofSeconds(60));
        assertThat(range.spread()).isEqualTo(Duration.ofSeconds(59));
        assertThat(range).hasToString("1-60");
        assertThat(DelayRange.parse("0.5-3")).hasToString("0.5-3");
    }

    @Test
    void aMalformedOrBackwardsRangeIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> DelayRange.parse("10")).hasMessageContaining("expected MIN-MAX in seconds");
        assertThatThrownBy(() -> DelayRange.parse("a-b")).hasMessageContaining("--delays 1-10,1-60");
        assertThatThrownBy(() -> DelayRange.parse("10-1")).hasMessageContaining("expected 0 <= min <= max");
    }
}
