package com.jobladder.bench.scenario;

import com.jobladder.bench.contender.RawContender;
import com.jobladder.bench.contender.RawVariant;
import com.jobladder.bench.load.OfferedLoad;
import com.jobladder.bench.measure.DelayRange;
import com.jobladder.bench.measure.NodeActivity;
import com.jobladder.bench.measure.SteadyFigures;
import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the broker's CPU goes per job: the same paced rate offered to a series of
 * variants, from raw amqp-client to JobLadder, each one change from its neighbour, on one
 * private node whose CPU is read from /proc over each run's steady window. The difference in
 * broker CPU per message between two neighbours is the cost of that change.
 */
@Command(
        name = "broker-cost",
        mixinStandardHelpOptions = true,
        description = "Broker CPU per message: raw quorum/classic, acks, a TTL hop, held deliveries, JobLadder.")
public final class BrokerCostBenchmark implements Callable<Integer> {
    private static final List<String> ALL = List.of("a", "b", "c", "d", "e", "e2", "f", "g");

    @Mixin
    BenchOptions options;

    @Option(
            names = "--rates",
            split = ",",
            description = "Messages (jobs)/s offered to every variant (default 1000,2000).")
    List<Integer> rates;

    @Option(names = "--seconds", description = "Length of each run's steady window (default 30; quick 10).")
    Integer seconds;

    @Option(
            names = "--delays",
            description = "Delays of the delayed variants d-g, MIN-MAX seconds, at most 65.8"
                    + " (default 1-60; quick 1-10); a-c publish jobs due at once.")
    String delays;

    @Option(names = "--variants", split = ",", description = "Variants to run, of a,b,c,d,e,e2,f,g (default all).")
    List<String> variants;

    @Option(
            names = "--sample",
            defaultValue = "5",
            description = "Seconds of node activity sampled in the middle of"
                    + " each steady window (default ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Override
    public Integer call() throws Exception {
        List<Integer> offered = rates != null ? rates : List.of(1000, 2000);
        Duration window = Duration.ofSeconds(seconds != null ? seconds : options.quick ? 10 : 30);
        DelayRange range = DelayRange.parse(delays != null ? delays : options.quick ? "1-10" : "1-60");
        List<String> chosen = variants != null ? variants : ALL;
        try {
            RawContender.requireCarried(range);
            chosen.forEach(BrokerCostBenchmark::requireKnown);
        } catch (IllegalArgumentException e) {
            System.err.println("broker-cost: " + e.getMessage());
            return 2;
        }
        System.out.println("== broker-cost: " + Environment.describe(options));
        System.out.println("broker: " + options.brokerDescription());
        System.out.printf(
                "workload: each variant offered %s msg/s (jobs/s), persistent 300-byte messages, %d"
                        + " submitting threads, confirmed; steady window %d s (a-c: jobs due at once; d-g: delays"
                        + " uniform %s s, the window starts after the longest delay); broker CPU from /proc over the"
                        + " window; node activity sampled for %d s in its middle%n",
                offered, OfferedLoad.SUBMITTERS, window.toSeconds(), range, sampleSeconds);
        if (options.quick) {
            System.out.println("QUICK MODE: short windows and delays; figures are indicative only");
        }
        for (String v : chosen) {
            System.out.println("variant " + v + ": " + describe(v));
        }
        ResultTable table = new ResultTable(
                "broker-cost",
                "variant",
                "offered/s",
                "msgs/s",
                "enqueues/msg",
                "broker cores",
                "broker CPU ms/msg",
                "broker CPU ms/enqueue",
                "JVM cores",
                "machine busy cores",
                "late p50 ms",
                "late p99 ms",
                "late max ms",
                "not run",
                "node kreductions/msg",
                "node reductions by process",
                "node busy threads",
                "node busy states");
        try (BenchOptions.BrokerTarget broker = options.openBroker()) {
            OptionalLong pid = broker.node() == null
                    ? OptionalLong.empty()
                    : OptionalLong.of(broker.node().osPid());
            SchedulerConfig base = broker.apply(ConfigLoader.load(options.conf));
            BrokerCeiling ceiling = BrokerCeiling.measure(base, range, options.quick ? 5_000 : 30_000, pid);
            System.out.println(ceiling.describe(range));
            double ceilingRate = ceiling.enqueuesPerSecond() / (ceiling.hops() + 1);
            table.add(
                    "ceiling: flat out, " + ceiling.hops() + " hop(s)",
                    "-",
                    ceilingRate,
                    ceiling.hops() + 1.0,
                    cores(ceiling.brokerCores()),
                    perMessage(ceiling.brokerCores(), ceilingRate),
                    perMessage(ceiling.brokerCores(), ceiling.enqueuesPerSecond()),
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-");
            VariantRun runs = new VariantRun(options, base, broker.node(), pid, Duration.ofSeconds(sampleSeconds));
            for (int rate : offered) {
                for (String v : chosen) {
                    VariantRun.Outcome o = runs.run(v, rate, window, delayed(v) ? range : DelayRange.parse("0-0"));
                    SteadyFigures s = o.result().steady();
                    Histogram late = s.lateness();
                    double brokerCores = s.cpu().broker();
                    table.add(
                            v,
                            rate,
                            s.executedRate(),
                            o.enqueuesPerMessage(),
                            cores(brokerCores),
                            perMessage(brokerCores, s.executedRate()),
                            perMessage(brokerCores, s.executedRate() * o.enqueuesPerMessage()),
                            cores(s.cpu().jvm()),
                            cores(s.cpu().machine()),
                            late.getValueAtPercentile(50),
                            late.getValueAtPercentile(99),
                            late.getMaxValue(),
                            s.notRun(),
                            kiloReductions(o.activity(), s.executedRate()),
                            o.activity().processes(),
                            o.activity().threads(),
                            o.activity().states());
                }
            }
            runs.settings().forEach((v, text) -> System.out.println("settings " + v + ": " + text));
        }
        table.publish(options.out);
        return 0;
    }

    /** a-c publish jobs due at once; the others have delays. */
    static boolean delayed(String variant) {
        return !List.of("a", "b", "c").contains(variant);
    }

    /** f and g run JobLadder itself (client, worker, audit). */
    static boolean jobladder(String variant) {
        return variant.equals("f") || variant.equals("g");
    }

    private static void requireKnown(String variant) {
        if (!ALL.contains(variant)) {
            throw new IllegalArgumentException("unknown variant \"" + variant + "\": expected some of " + ALL);
        }
    }

    static String describe(String variant) {
        return switch (variant) {
            case "f" ->
                "e's pattern done by JobLadder: scheduleAsync + worker with the default ladder (radix 16, unit"
                        + " 1 ms, window 4,096 ms, lead 250 ms), audit on PostgreSQL";
            case "g" -> "f with window 0 and lead 0 (the full ladder: every digit a hop, nothing held)";
            default -> RawVariant.of(variant).description();
        };
    }

    private static Object cores(double cores) {
        return cores < 0 ? "-" : cores;
    }

    /** Thousands of the node's reductions per message over the sample, "-" when not sampled. */
    private static Object kiloReductions(NodeActivity activity, double messagesPerSecond) {
        return activity.reductionsPerSecond() < 0 || messagesPerSecond <= 0
                ? "-"
                : String.format("%.1f", activity.reductionsPerSecond() / messagesPerSecond / 1000);
    }

    /** Milliseconds of broker CPU per unit, from cores used at {@code perSecond} units/s. */
    private static Object perMessage(double cores, double perSecond) {
        return cores < 0 || perSecond <= 0 ? "-" : String.format("%.3f", cores * 1000 / perSecond);
    }
}
