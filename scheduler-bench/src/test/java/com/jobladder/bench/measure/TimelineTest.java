package com.jobladder.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void aSystemThatFallsBehindShowsAGrowingBacklogAndLateness() {
        TimeLog submitted = new TimeLog(10);
        TimeLog executions = new TimeLog(10);
        for (long due = 0; due < 100_000; due += 10) { // 100 jobs/s due for 100 s
            submitted.add(due, due);
            if (due < 50_000) {
                executions.add(due, due + 3); // keeps up for 50 s
            } else if (due < 75_000) {
                executions.add(due, 50_000 + (due - 50_000) * 2); // then runs at half the rate
            }
        }

        Timeline t = Timeline.of(submitted, executions, 0, 100_000);

        assertThat(t.bucketMillis).isEqualTo(1_000);
        assertThat(t.backlog[10]).isEqualTo(0);
        assertThat(t.p99[10]).isEqualTo(3);
        assertThat(t.backlog[70]).isGreaterThan(t.backlog[60]).isGreaterThan(0);
        assertThat(t.p50[60]).isGreaterThan(5_000);
        assertThat(t.p50[90]).isNaN(); // nothing due then had started
        assertThat(t.backlog[99]).isEqualTo(2_500); // due from 75 s on, never started
    }
}
