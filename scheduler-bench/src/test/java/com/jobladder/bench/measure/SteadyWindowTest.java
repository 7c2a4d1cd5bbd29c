package com.jobladder.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SteadyWindowTest {

    @Test
    void theWindowRunsFromTheFirstSubmissionPlusTheLongestDelayToTheLastPlusTheShortest() {
        SteadyWindow window = SteadyWindow.of(1_000, 91_000, DelayRange.parse("1-60"));

        assertThat(window.fromMillis()).isEqualTo(61_000);
        assertThat(window.toMillis()).isEqualTo(92_000);
        assertThat(window.seconds()).isEqualTo(31.0);
        assertThat(window.contains(61_000)).isTrue();
        assertThat(window.contains(92_000)).isFalse();
    }

    @Test
    void submissionsShorterThanTheDelaysSpreadGiveAnEmptyWindow() {
        SteadyWindow window = SteadyWindow.of(0, 30_000, DelayRange.parse("1-60"));

        assertThat(window.seconds()).isZero();
        assertThat(window.contains(60_000)).isFalse();
    }

    @Test
    void aRunTooShortForItsDelaysIsRefusedWithTheDurationItNeeds() {
        assertThatThrownBy(() -> SteadyWindow.requireMeasurable(Duration.ofSeconds(60), DelayRange.parse("1-60")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never reaches steady state")
                .hasMessageContaining("window of 1.0 s")
                .hasMessageContaining("at least 89 s (--duration");
        assertThatCode(() -> SteadyWindow.requireMeasurable(Duration.ofSeconds(89), DelayRange.parse("1-60")))
                .doesNotThrowAnyException();
    }

    @Test
    void theDefaultDurationsOfFullAndQuickModeAreMeasurable() {
        assertThatCode(() -> {
                    SteadyWindow.requireMeasurable(Duration.ofSeconds(90), DelayRange.parse("1-60"));
                    SteadyWindow.requireMeasurable(Duration.ofSeconds(30), DelayRange.parse("1-10"));
                    SteadyWindow.requireMeasurable(Duration.ofSeconds(10), DelayRange.parse("1-3"));
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aWindowShorterThanFiveSecondsIsRefusedEvenWhenItIsAThirdOfTheRun() {
        assertThatThrownBy(() -> SteadyWindow.requireMeasurable(Duration.ofSeconds(6), DelayRange.parse("1-3")))
                .hasMessageContaining("window of 4.0 s");
    }
}
