package com.jobladder.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStatesTest {
    private static JobAttempt attempt(int n, Outcome outcome) {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        return new JobAttempt("j", n, "t", null, t, t, t, outcome, "w", null, Duration.ZERO);
    }

    @Test
    void nothingRecordedIsPending() {
        assertThat(JobStates.derive(List.of(), false, false, false)).isEqualTo(JobState.PENDING);
    }

    @Test
    void aSuccessWinsOverEverythingElse() {
        assertThat(JobStates.derive(
                        List.of(attempt(1, Outcome.FAILED), attempt(2, Outcome.SUCCEEDED)), true, true, true))
                .isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aRunningMarkShowsRunningUntilTheJobSucceeds() {
        assertThat(JobStates.derive(List.of(attempt(1, Outcome.FAILED)), false, false, true))
                .isEqualTo(JobState.RUNNING);
    }

    @Test
    void aLastFailedAttemptMeansARetryIsWaiting() {
        assertThat(JobStates.derive(List.of(attempt(1, Outcome.FAILED)), false, false, false))
                .isEqualTo(JobState.RETRYING);
    }

    @Test
    void aDeadJobRedrivenAndFailingAgainIsRetryingNotDead() {
        assertThat(JobStates.derive(List.of(attempt(1, Outcome.DEAD), attempt(2, Outcome.FAILED)), false, false, false))
                .isEqualTo(JobState.RETRYING);
        assertThat(JobStates.derive(List.of(attempt(1, Outcome.DEAD)), false, true, false))
                .isEqualTo(JobState.DEAD);
    }

    @Test
    void aTombstoneMakesAPendingOrRetryingJobCancelled() {
        assertThat(JobStates.derive(List.of(), false, true, false)).isEqualTo(JobState.CANCELLED);
        assertThat(JobStates.derive(List.of(attempt(1, Outcome.FAILED)), false, true, false))
                .isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aSkippedCronFireIsSkipped() {
        assertThat(JobStates.derive(List.of(attempt(1, Outcome.SKIPPED)), false, false, false))
                .isEqualTo(JobState.SKIPPED);
    }
}
