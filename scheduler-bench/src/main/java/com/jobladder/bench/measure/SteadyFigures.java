package com.jobladder.bench.measure;

import org.HdrHistogram.Histogram;

/**
 * A run's figures over its {@link SteadyWindow}: the due rate (jobs whose due time lies in the
 * window / its length, which a reader compares with the offered rate), the executed rate (jobs
 * started in the window / its length), the lateness of the jobs due in the window, and CPU
 * (the JVM's, the broker's, PostgreSQL's and the machine's).
 * A job due in the window that had not started when the run ended counts with lateness
 * end - due, a lower bound, and in {@code notRun}.
 */
public record SteadyFigures(
        SteadyWindow window, long due, long started, long notRun, Histogram lateness, CpuTrace.Cores cpu) {
    static final long MAX_LATENESS_MS = 3_600_000L;

    /**
     * @param submitted  (due, submitted) per job taken by the scheduler
     * @param executions (due, started) per execution, as the {@link Probe} logs them
     * @param endMillis  when the run stopped waiting for jobs
     */
    public static SteadyFigures measure(
            SteadyWindow window, TimeLog submitted, TimeLog executions, CpuTrace cpu, long endMillis) {
        long[] due = new long[1];
        submitted.forEach((dueAt, submittedAt) -> {
            if (window.contains(dueAt)) {
                due[0]++;
            }
        });
        long[] ran = new long[2];
        Histogram lateness = new Histogram(MAX_LATENESS_MS, 3);
        executions.forEach((dueAt, startedAt) -> {
            if (window.contains(startedAt)) {
                ran[0]++;
            }
            if (window.contains(dueAt)) {
                ran[1]++;
                lateness.recordValue(clamp(startedAt - dueAt));
            }
        });
        long notRun = Math.max(0, due[0] - ran[1]);
        if (notRun > 0) {
            lateness.recordValueWithCount(clamp(endMillis - window.toMillis()), notRun);
        }
        return new SteadyFigures(
                window, due[0], ran[0], notRun, lateness, cpu.coresBetween(window.fromMillis(), window.toMillis()));
    }

    private static long clamp(long lateness) {
        return Math.min(MAX_LATENESS_MS, Math.max(0, lateness));
    }

    public double dueRate() {
        return due / Math.max(0.001, window.seconds());
    }

    public double executedRate() {
        return started / Math.max(0.001, window.seconds());
    }

    /** Jobs fell due at (nearly) the offered rate: the window measured what the rate promises. */
    public boolean steady(int offeredRate) {
        return window.seconds() > 0 && dueRate() >= SteadyWindow.STEADY_SHARE * offeredRate;
    }
}
