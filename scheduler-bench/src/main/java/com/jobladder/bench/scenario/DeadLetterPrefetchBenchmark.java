package com.jobladder.bench.scenario;

import com.jobladder.bench.load.LadderBurst;
import com.jobladder.bench.report.LatenessChart;
import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.PrivateBroker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenario 5: the ladder's throughput as a function of RabbitMQ's
 * {@code dead_letter_worker_consumer_prefetch} (the prefetch of the internal worker that moves
 * a quorum queue's expired messages at-least-once; 32 by default). One private node per value,
 * started with an advanced.config that sets it, then the same {@link LadderBurst} on each.
 */
@Command(
        name = "dlx-prefetch",
        mixinStandardHelpOptions = true,
        description = "Ladder throughput with dead_letter_worker_consumer_prefetch at its default and raised.")
public final class DeadLetterPrefetchBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--prefetch", split = ",", description = "Values to try (default 32,128,512,2048; quick 32,512).")
    List<Integer> prefetches;

    @Option(names = "--jobs", description = "Jobs per burst (default 50000; quick 5000).")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        List<Integer> values =
                prefetches != null ? prefetches : options.quick ? List.of(32, 512) : List.of(32, 128, 512, 2048);
        int n = jobs != null ? jobs : options.quick ? 5_000 : 50_000;
        SchedulerConfig base = ConfigLoader.load(options.conf);
        System.out.println("== dlx-prefetch: " + Environment.describe(options));
        System.out.printf(
                "workload: per value, a private RabbitMQ node with advanced.config"
                        + " [{rabbit, [{dead_letter_worker_consumer_prefetch, N}]}]; %,d jobs submitted flat out (scheduleAll,"
                        + " batches of 1,000), all due within one second of an instant %d s ahead, through the configured"
                        + " ladder (radix %d, unit %d ms, levels %d); a plain consumer on the worker queue%n",
                n,
                lead(n).toSeconds(),
                base.ladder().radix(),
                base.ladder().unitMillis(),
                base.ladder().levels());
        ResultTable table = new ResultTable(
                "dlx-prefetch",
                "dead_letter_worker_consumer_prefetch",
                "jobs",
                "hops/job",
                "submit jobs/s",
                "delivered",
                "delivered/s",
                "late p50 ms",
                "late p99 ms",
                "late max ms");
        LatenessChart chart = new LatenessChart(
                "Ladder burst lateness by dead_letter_worker_consumer_prefetch (" + options.mode() + " mode)");
        for (int prefetch : values) {
            System.out.println("-- starting a private node with dead_letter_worker_consumer_prefetch = " + prefetch);
            try (PrivateBroker node =
                    PrivateBroker.start("[{rabbit, [{dead_letter_worker_consumer_prefetch, " + prefetch + "}]}].")) {
                SchedulerConfig config = BenchOptions.patient(
                        base.withBroker(base.broker().withUri(node.uri()).withNamespace("bench-dlx")));
                LadderBurst.Result r = LadderBurst.run(config, n, lead(n));
                table.add(
                        prefetch,
                        n,
                        r.meanHops(),
                        r.submitPerSecond(),
                        r.delivered(),
                        r.deliveredPerSecond(),
                        r.lateness().getValueAtPercentile(50),
                        r.lateness().getValueAtPercentile(99),
                        r.lateness().getMaxValue());
                chart.add("prefetch " + prefetch, r.lateness());
            }
        }
        table.publish(options.out);
        chart.write(options.out.resolve("dlx-prefetch-lateness.png"));
        return 0;
    }

    /** Enough time to submit every job (at 4,000/s or better) before the first one is due. */
    static Duration lead(int jobs) {
        return Duration.ofSeconds(3 + jobs / 4_000);
    }
}
