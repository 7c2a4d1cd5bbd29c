package com.jobladder.bench.measure;

import java.util.Arrays;

/**
 * A run over time, in buckets from the first submission: the lateness (p50, p99, max) of the jobs
 * falling due in each bucket, and the backlog at its end (jobs due by then that had not started),
 * which shows when a scheduler falls behind whatever it is built on.
 */
public final class Timeline {
    public final long originMillis;
    final long bucketMillis;
    /** Per bucket, by due time; NaN where no job that ran was due. */
    public final double[] p50;

    public final double[] p99;
    public final double[] max;
    public final long[] backlog;

    private Timeline(long originMillis, long bucketMillis, int buckets) {
        this.originMillis = originMillis;
        this.bucketMillis = bucketMillis;
        p50 = new double[buckets];
        p99 = new double[buckets];
        max = new double[buckets];
        backlog = new long[buckets];
    }

    /**
     * @param submitted  (due, submitted) per job
     * @param executions (due, started) per execution
     */
    public static Timeline of(TimeLog submitted, TimeLog executions, long originMillis, long endMillis) {
        long span = Math.max(1, endMillis - originMillis);
        long bucket = Math.max(100, Math.min(1_000, span / 100));
        Timeline t = new Timeline(originMillis, bucket, (int) (span / bucket) + 1);
        int n = t.backlog.length;
        long[] dueIn = new long[n];
        long[] startedIn = new long[n];
        int[] ranDueIn = new int[n + 1];
        submitted.forEach((due, at) -> {
            if (due < endMillis) { // still pending when the run ended: not part of any backlog
                dueIn[t.index(due)]++;
            }
        });
        executions.forEach((due, started) -> {
            startedIn[t.index(started)]++;
            ranDueIn[t.index(due) + 1]++;
        });
        // lateness grouped by due bucket: counting sort into one array, then each segment sorted
        for (int i = 0; i < n; i++) {
            ranDueIn[i + 1] += ranDueIn[i];
        }
        int[] next = Arrays.copyOf(ranDueIn, n);
        int[] lateness = new int[ranDueIn[n]];
        // The system under test may still be running jobs: executions logged after the first pass
        // find their bucket full and are left out, as they fell after the run anyway.
        executions.forEach((due, started) -> {
            int i = t.index(due);
            if (next[i] < ranDueIn[i + 1]) {
                lateness[next[i]++] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, started - due));
            }
        });
        long backlog = 0;
        for (int i = 0; i < n; i++) {
            backlog += dueIn[i] - startedIn[i];
            t.backlog[i] = Math.max(0, backlog);
            int from = ranDueIn[i];
            int to = ranDueIn[i + 1];
            Arrays.sort(lateness, from, to);
            t.p50[i] = to > from ? lateness[from + (int) ((to - from - 1) * 0.50)] : Double.NaN;
            t.p99[i] = to > from ? lateness[from + (int) ((to - from - 1) * 0.99)] : Double.NaN;
            t.max[i] = to > from ? lateness[to - 1] : Double.NaN;
        }
        return t;
    }

    /** The bucket holding {@code millis}; instants outside the run fall into its first or last bucket. */
    private int index(long millis) {
        return (int) Math.max(0, Math.min(backlog.length - 1, (millis - originMillis) / bucketMillis));
    }

    /** Seconds from the first submission to the middle of bucket {@code i}. */
    public double seconds(int i) {
        return (i + 0.5) * bucketMillis / 1000.0;
    }
}
