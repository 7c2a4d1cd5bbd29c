package com.jobladder.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SteadyFiguresTest {
    private static final SteadyWindow WINDOW = new SteadyWindow(10_000, 20_000);
    private static final CpuTrace NO_CPU = new CpuTrace(OptionalLong.empty());

    @Test
    void figuresCountOnlyTheJobsDueOrStartedInTheWindow() {
        TimeLog submitted = new TimeLog(10);
        TimeLog executions = new TimeLog(10);
        for (long due = 10_000; due < 20_000; due += 10) { // 100 jobs/s due in the window
            submitted.add(due, due - 1_000);
            executions.add(due, due + 5);
        }
        submitted.add(5_000, 4_000); // ramp up and down: outside the window
        executions.add(5_000, 5_003);
        submitted.add(25_000, 24_000);
        executions.add(9_990, 10_010); // due before the window, started in it

        SteadyFigures figures = SteadyFigures.measure(WINDOW, submitted, executions, NO_CPU, 21_000);

        assertThat(figures.due()).isEqualTo(1_000);
        assertThat(figures.dueRate()).isEqualTo(100.0);
        assertThat(figures.started()).isEqualTo(1_001);
        assertThat(figures.executedRate()).isEqualTo(100.1);
        assertThat(figures.notRun()).isZero();
        assertThat(figures.lateness().getTotalCount()).isEqualTo(1_000);
        assertThat(figures.lateness().getMaxValue()).isEqualTo(5);
    }

    @Test
    void aJobDueInTheWindowThatNeverStartedCountsAsLateAtLeastUntilTheRunEnded() {
        TimeLog submitted = new TimeLog(10);
        TimeLog executions = new TimeLog(10);
        submitted.add(12_000, 11_000);
        submitted.add(13_000, 12_000);
        executions.add(12_000, 12_002);

        SteadyFigures figures = SteadyFigures.measure(WINDOW, submitted, executions, NO_CPU, 27_000);

        assertThat(figures.notRun()).isEqualTo(1);
        assertThat(figures.lateness().getMaxValue()).isGreaterThanOrEqualTo(7_000);
        assertThat(figures.lateness().getMinValue()).isEqualTo(2);
    }

    @Test
    void aWindowWhereJobsFellDueBelowNinetyFivePercentOfTheOfferedRateIsNotSteady() {
        TimeLog submitted = new TimeLog(10);
        for (long due = 10_000; due < 20_000; due += 10) {
            submitted.add(due, due - 1_000);
        }

        SteadyFigures figures = SteadyFigures.measure(WINDOW, submitted, new TimeLog(10), NO_CPU, 20_000);

        assertThat(figures.steady(100)).isTrue();
        assertThat(figures.steady(105)).isTrue();
        assertThat(figures.steady(106)).isFalse();
    }

    @Test
    void cpuIsInterpolatedOverTheWindowFromTheSamplesAroundIt() {
        CpuTrace cpu = new CpuTrace(OptionalLong.empty());
        cpu.record(5_000, 0, -1, 0, 0);
        cpu.record(15_000, 5_000_000_000L, -1, 1_000_000_000L, 10_000_000_000L); // JVM half a core from 5 s to 15 s
        cpu.record(25_000, 25_000_000_000L, -1, 2_000_000_000L, 30_000_000_000L); // two cores from 15 s to 25 s

        SteadyFigures figures = SteadyFigures.measure(WINDOW, new TimeLog(1), new TimeLog(1), cpu, 20_000);

        assertThat(figures.cpu().jvm()).isEqualTo(1.25);
        assertThat(figures.cpu().broker()).as("no node of the run's own").isEqualTo(-1);
        assertThat(figures.cpu().postgres()).isCloseTo(0.1, within(1e-9));
        assertThat(figures.cpu().machine()).isCloseTo(1.5, within(1e-9));
        assertThat(figures.cpu().ownFootprint()).as("JVM + PostgreSQL").isCloseTo(1.35, within(1e-9));
    }
}
