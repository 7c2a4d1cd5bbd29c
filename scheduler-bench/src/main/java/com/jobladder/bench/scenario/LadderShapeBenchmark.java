package com.jobladder.bench.scenario;

import com.jobladder.bench.contender.JobLadderContender;
import com.jobladder.bench.load.LadderBurst;
import com.jobladder.bench.measure.DelayRange;
import com.jobladder.bench.measure.EnqueuesPerJob;
import com.jobladder.bench.report.LatenessChart;
import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.LadderSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenario 6: the ladder's shape. For each radix, unit and window (the final approach: the
 * ladder stops {@code radix^k} units short, aimed {@code lead} early): hops and broker enqueues
 * per job for delays uniform over 1-60 s (computed), queue count, and the ladder alone
 * ({@link LadderBurst}, no worker, so the broker's share is what is measured): the throughput of
 * a burst all due in one second, and lateness under a paced load. Lateness is measured against
 * the due time, where a worker would start the job: a job that arrives early (as the final
 * approach intends) counts as on time. Window 0 is today's full ladder, with no lead. Levels are
 * the most the radix and unit allow without a rung's TTL passing RabbitMQ's limit, capped at the
 * default ladder's reach (16^8 ms).
 */
@Command(
        name = "ladder-shape",
        mixinStandardHelpOptions = true,
        description = "Radix and unit swept: hops per job, queue count, throughput and lateness.")
public final class LadderShapeBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(
            names = "--radix",
            split = ",",
            description =
                    "Radixes (default 2,8,16,32; quick 2,16). 64 (315 queues at unit 1 ms) stalled RabbitMQ 3.10.8 nodes here: see docs/broker-setup.md.")
    List<Integer> radixes;

    @Option(names = "--unit", split = ",", description = "Units in ms (default 1,10; quick 1).")
    List<Integer> units;

    @Option(
            names = "--window-levels",
            split = ",",
            description = "Windows as levels skipped, W = radix^k * unit"
                    + " (default 0,2,3; quick 0,3). 0 is the full ladder (no window, no lead).")
    List<Integer> windowLevels;

    @Option(names = "--lead", description = "Lead in ms for every window above 0 (default 250).")
    Integer leadMs;

    @Option(names = "--jobs", description = "Jobs per ladder burst (default 30000; quick 5000).")
    Integer jobs;

    @Option(names = "--rate", description = "Jobs/s of the paced run (default 2000; quick 1000).")
    Integer rate;

    @Override
    public Integer call() throws Exception {
        List<Integer> rs = radixes != null ? radixes : options.quick ? List.of(2, 16) : List.of(2, 8, 16, 32);
        List<Integer> us = units != null ? units : options.quick ? List.of(1) : List.of(1, 10);
        int n = jobs != null ? jobs : options.quick ? 5_000 : 30_000;
        int offered = rate != null ? rate : options.quick ? 1_000 : 2_000;
        int seconds = options.quick ? 4 : 30;
        int maxDelay = options.quick ? 3 : 60;
        List<Integer> ks = windowLevels != null ? windowLevels : options.quick ? List.of(0, 3) : List.of(0, 2, 3);
        Duration lead = Duration.ofMillis(leadMs != null ? leadMs : 250);
        System.out.println("== ladder-shape: " + Environment.describe(options));
        System.out.println("broker: " + options.brokerDescription());
        try (BenchOptions.BrokerTarget broker = options.openBroker()) {
            run(broker.apply(ConfigLoader.load(options.conf)), rs, us, ks, lead, n, offered, seconds, maxDelay);
        }
        return 0;
    }

    private void run(
            SchedulerConfig base,
            List<Integer> rs,
            List<Integer> us,
            List<Integer> ks,
            Duration lead,
            int n,
            int offered,
            int seconds,
            int maxDelay)
            throws Exception {
        System.out.printf(
                "workload: hops/job = mean over 100,000 delays uniform 1-60 s; burst = %,d jobs flat out, all"
                        + " due within one second; paced = %,d jobs/s for %d s, delays uniform 1-%d s (scheduleAll, batches every"
                        + " 100 ms); both through the ladder alone, a plain consumer on the worker queue (own namespace)%s%n",
                n,
                offered,
                seconds,
                maxDelay,
                options.quick ? "; QUICK MODE: smaller burst, shorter paced run and delays" : "");
        ResultTable table = new ResultTable(
                "ladder-shape",
                "radix",
                "unit ms",
                "levels",
                "window ms",
                "lead ms",
                "reach days",
                "queues",
                "hops/job (1-60 s)",
                "enqueues/job (1-60 s)",
                "burst delivered/s",
                "burst late p50 ms",
                "burst late p99 ms",
                "paced delivered/s",
                "paced late p50 ms",
                "paced late p99 ms",
                "paced late p99.9 ms",
                "paced late max ms");
        LatenessChart chart = new LatenessChart(
                "Ladder lateness (paced run) by radix, unit and window (" + options.mode() + " mode)");
        for (int unit : us) {
            for (int radix : rs) {
                for (int k : ks) {
                    LadderSpec spec = approach(shape(radix, unit, base.ladder()), k, lead);
                    measure(base, spec, n, offered, seconds, maxDelay, table, chart);
                }
            }
        }
        table.publish(options.out);
        chart.write(options.out.resolve("ladder-shape-lateness.png"));
    }

    private void measure(
            SchedulerConfig base,
            LadderSpec spec,
            int n,
            int offered,
            int seconds,
            int maxDelay,
            ResultTable table,
            LatenessChart chart)
            throws Exception {
        System.out.printf(
                "-- radix %d, unit %d ms, levels %d (%d queues), window %d ms, lead %d ms%n",
                spec.radix(),
                spec.unitMillis(),
                spec.levels(),
                spec.queueCount(),
                spec.window().toMillis(),
                spec.lead().toMillis());
        SchedulerConfig config = JobLadderContender.inNamespaceOfItsOwn(base).withLadder(spec);
        LadderBurst.Result burst = LadderBurst.run(config, n, DeadLetterPrefetchBenchmark.lead(n));
        LadderBurst.Result paced = LadderBurst.paced(
                JobLadderContender.inNamespaceOfItsOwn(base).withLadder(spec),
                offered,
                Duration.ofSeconds(seconds),
                Duration.ofSeconds(1),
                Duration.ofSeconds(maxDelay));
        double hops = meanHops(spec);
        table.add(
                spec.radix(),
                spec.unitMillis(),
                spec.levels(),
                spec.window().toMillis(),
                spec.lead().toMillis(),
                spec.maxDelay().toHours() / 24.0,
                spec.queueCount(),
                hops,
                1 + hops,
                burst.deliveredPerSecond(),
                burst.lateness().getValueAtPercentile(50),
                burst.lateness().getValueAtPercentile(99),
                paced.deliveredPerSecond(),
                paced.lateness().getValueAtPercentile(50),
                paced.lateness().getValueAtPercentile(99),
                paced.lateness().getValueAtPercentile(99.9),
                paced.lateness().getMaxValue());
        chart.add(
                "radix " + spec.radix() + ", unit " + spec.unitMillis() + " ms, window "
                        + spec.window().toMillis() + " ms",
                paced.lateness());
    }

    /** The ladder that stops k levels short and aims {@code lead} early; k = 0: the full ladder, no lead. */
    static LadderSpec approach(LadderSpec spec, int k, Duration lead) {
        if (k <= 0) {
            return spec.withApproach(Duration.ZERO, Duration.ZERO);
        }
        int levels = Math.min(k, spec.levels() - 1);
        return spec.withApproach(Duration.ofMillis(spec.weight(levels) * spec.unitMillis()), lead);
    }

    /** The most levels this radix and unit allow, up to the default ladder's reach. */
    static LadderSpec shape(int radix, int unitMs, LadderSpec template) {
        long reachUnits = (long) Math.pow(16, 8) / unitMs;
        int levels = 1;
        while (Math.pow(radix, levels) < reachUnits && fits(radix, unitMs, levels + 1, template)) {
            levels++;
        }
        return new LadderSpec(radix, Duration.ofMillis(unitMs), levels, template.queueType(), template.maxLength());
    }

    private static boolean fits(int radix, int unitMs, int levels, LadderSpec template) {
        try {
            new LadderSpec(radix, Duration.ofMillis(unitMs), levels, template.queueType(), template.maxLength());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static double meanHops(LadderSpec spec) {
        return EnqueuesPerJob.mean(spec, DelayRange.parse("1-60")) - 1;
    }
}
