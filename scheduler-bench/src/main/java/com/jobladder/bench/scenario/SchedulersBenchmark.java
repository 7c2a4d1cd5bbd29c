package com.jobladder.bench.scenario;

import com.jobladder.api.JobScheduler;
import com.jobladder.bench.contender.Contender;
import com.jobladder.bench.contender.Contenders;
import com.jobladder.bench.contender.JobLadderContender;
import com.jobladder.bench.load.OfferedLoad;
import com.jobladder.bench.load.OneByOne;
import com.jobladder.bench.load.Workload;
import com.jobladder.bench.measure.DelayRange;
import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.measure.SteadyFigures;
import com.jobladder.bench.measure.SteadyWindow;
import com.jobladder.bench.report.LatenessChart;
import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.report.RunChart;
import com.jobladder.bench.setup.BenchDatabase;
import com.jobladder.bench.setup.BenchNamespace;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * JobLadder, Quartz and db-scheduler under the same open-loop workload, one
 * after another at each rate and delay range (so that machine noise hits all alike), each with
 * a fresh private PostgreSQL database. Every figure but submit latency and heap is measured over
 * the run's {@link SteadyWindow}, where jobs fall due at the offered rate. Prints one row per
 * system, delay range and rate, the highest rate each sustains in steady state, JobLadder's
 * ratios to each peer, and JobLadder's executed rate
 * against the broker's ceiling measured in the same run and {@code schedule}'s latency against
 * a raw confirmed publish.
 */
@Command(
        name = "schedulers",
        mixinStandardHelpOptions = true,
        description =
                "JobLadder vs Quartz vs db-scheduler in steady state: lateness, executed/s, submit latency, heap, CPU.")
public final class SchedulersBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(
            names = "--rates",
            split = ",",
            description = "Offered jobs/s (default 1000,2000,3000,4000,5000; quick 500,2000).")
    List<Integer> rates;

    @Option(
            names = "--delays",
            split = ",",
            description = "Delay ranges in seconds, each run in turn (default 1-10,1-60;" + " quick 1-3).")
    List<String> delays;

    @Option(
            names = "--duration",
            description = "Seconds of offered load per run, for every delay range (default per"
                    + " range: 1.5 x the longest delay, at least 30 s; quick at least 10 s). Refused when the steady window"
                    + " would be shorter than a third of it.")
    Integer durationSeconds;

    @Option(
            names = "--systems",
            split = ",",
            defaultValue = "jobladder,jobladder-async,quartz,db-scheduler",
            description = "Systems to run (default ${DEFAULT-VALUE}); jobladder-async submits with scheduleAsync.")
    List<String> systems;

    private OptionalLong brokerPid = OptionalLong.empty();

    @Override
    public Integer call() throws Exception {
        List<Integer> offered =
                rates != null ? rates : options.quick ? List.of(500, 2000) : List.of(1000, 2000, 3000, 4000, 5000);
        List<DelayRange> ranges = (delays != null ? delays : options.quick ? List.of("1-3") : List.of("1-10", "1-60"))
                .stream().map(DelayRange::parse).toList();
        try {
            ranges.forEach(range -> SteadyWindow.requireMeasurable(duration(range), range));
        } catch (IllegalArgumentException e) {
            System.err.println("schedulers: " + e.getMessage());
            return 2;
        }
        System.out.println("== schedulers: " + Environment.describe(options));
        System.out.println("broker: " + options.brokerDescription());
        try (BenchOptions.BrokerTarget broker = options.openBroker()) {
            brokerPid = broker.node() == null
                    ? OptionalLong.empty()
                    : OptionalLong.of(broker.node().osPid());
            run(broker.apply(ConfigLoader.load(options.conf)), offered, ranges);
        }
        return 0;
    }

    private Duration duration(DelayRange range) {
        if (durationSeconds != null) {
            return Duration.ofSeconds(durationSeconds);
        }
        long floor = options.quick ? 10 : 30;
        return Duration.ofSeconds(Math.max(floor, (range.max().toMillis() * 3 / 2 + 999) / 1000));
    }

    private void run(SchedulerConfig base, List<Integer> offered, List<DelayRange> ranges) throws Exception {
        // Long enough for a system that keeps up; one that is later than this is far from a p99 of
        // 100 ms, and its jobs not run by then count as late by at least the wait.
        Duration grace = Duration.ofSeconds(options.quick ? 3 : 10);
        for (DelayRange range : ranges) {
            System.out.printf(
                    "workload, delays %s s: each rate in %s jobs/s offered for %d s (%,d jobs at the first"
                            + " rate), delays uniform %s s, 300-byte payloads, %d submitting threads (durable submit;"
                            + " jobladder-async does not wait for the confirm), one scheduler instance with a no-op"
                            + " handler writing one audit row per job%n",
                    range,
                    offered,
                    duration(range).toSeconds(),
                    offered.get(0) * duration(range).toSeconds(),
                    range,
                    OfferedLoad.SUBMITTERS);
        }
        System.out.printf(
                "steady window of each run: from the first submission + the longest delay to the last"
                        + " submission + the shortest, where jobs fall due at the offered rate; lateness, executed/s (jobs"
                        + " started in the window / its length) and CPU are measured over it; a run waits up to %d s after"
                        + " its end for the jobs due in it (one that has not started by then counts as late by the time it"
                        + " waited); NOT STEADY: jobs fell due in it at less than %.0f %% of the offered rate; achieved/s,"
                        + " submit latency (all) and heap cover the whole run%n",
                grace.toSeconds(), SteadyWindow.STEADY_SHARE * 100);
        if (options.quick) {
            System.out.println("QUICK MODE: short delays and runs; figures are indicative only, and a rate counts as"
                    + " sustained only from a steady window");
        }
        OneByOne.Comparison oneByOne = oneByOne(base);
        oneByOne.describe().forEach(line -> System.out.println("submit one by one (same broker): " + line));
        ResultTable table = new ResultTable(
                "schedulers",
                "system",
                "delays s",
                "offered/s",
                "achieved/s",
                "window s",
                "due/s",
                "executed/s",
                "steady",
                "late p50 ms",
                "late p99 ms",
                "late p99.9 ms",
                "late max ms",
                "not run",
                "submit p50 ms (all)",
                "submit p99 ms (all)",
                "heap after GC MiB",
                "heap peak MiB",
                "JVM cores",
                "broker cores",
                "PostgreSQL cores",
                "machine busy cores",
                "enqueues/job",
                "x ceiling");
        Map<String, List<OfferedLoad.Result>> bySystem = new LinkedHashMap<>();
        Map<DelayRange, BrokerCeiling> ceilings = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> early = new ArrayList<>();
        for (DelayRange range : ranges) {
            BrokerCeiling ceiling = BrokerCeiling.measure(base, range, options.quick ? 5_000 : 30_000, brokerPid);
            ceilings.put(range, ceiling);
            System.out.println(ceiling.describe(range));
            LatenessChart chart = new LatenessChart(
                    "Lateness in the steady window, delays " + range + " s (" + options.mode() + " mode)");
            for (int rate : offered) {
                Workload w = new Workload(rate, duration(range), range, OneByOne.PAYLOAD_BYTES);
                for (String system : systems) {
                    OfferedLoad.Result r = runOne(system, base, w, grace, settings);
                    bySystem.computeIfAbsent(system, k -> new ArrayList<>()).add(r);
                    SteadyFigures s = r.steady();
                    Histogram late = s.lateness();
                    boolean broker = system.startsWith("jobladder");
                    table.add(
                            system,
                            range.toString(),
                            rate,
                            r.achievedRate(),
                            String.format(
                                    "%.0f-%.0f",
                                    (s.window().fromMillis() - r.firstSubmitMillis()) / 1000.0,
                                    (s.window().toMillis() - r.firstSubmitMillis()) / 1000.0),
                            s.dueRate(),
                            s.executedRate(),
                            s.steady(rate) ? "yes" : "NOT STEADY",
                            late.getValueAtPercentile(50),
                            late.getValueAtPercentile(99),
                            late.getValueAtPercentile(99.9),
                            late.getMaxValue(),
                            s.notRun(),
                            r.submitMicros().getValueAtPercentile(50) / 1000.0,
                            r.submitMicros().getValueAtPercentile(99) / 1000.0,
                            r.heapAfterGcMiB(),
                            r.heapPeakMiB(),
                            cores(s.cpu().jvm()),
                            broker ? cores(s.cpu().broker()) : "-",
                            cores(s.cpu().postgres()),
                            cores(s.cpu().machine()),
                            broker ? ceiling.enqueuesPerJob() : "-",
                            broker ? ceiling.ratio(s.executedRate()) : "-");
                    chart.add(system + " @ " + rate + "/s", late);
                    RunChart.write(
                            options.out.resolve("schedulers-" + system.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + range
                                    + "s-" + rate + ".png"),
                            system + " @ " + rate + "/s, delays " + range + " s (" + options.mode() + " mode)",
                            r.timeline(),
                            s.window());
                    if (r.early() > 0) {
                        early.add(String.format(
                                "%s @ %d/s, delays %s s: %d jobs started before their due time"
                                        + " (counted as lateness 0), up to %d ms early",
                                system, rate, range, r.early(), r.mostEarlyMs()));
                    }
                }
            }
            chart.write(options.out.resolve("schedulers-lateness-" + range + "s.png"));
        }
        settings.forEach((system, s) -> System.out.println("settings " + system + ": " + s));
        table.publish(options.out);
        early.forEach(System.out::println);
        System.out.println();
        oneByOne.describe().forEach(line -> System.out.println("submit one by one (same broker): " + line));
        ceilings.forEach((range, ceiling) -> System.out.println(ceiling.describe(range)));
        Summary.print(bySystem, ceilings);
    }

    /** A figure that could not be read (no node of the run's own, no /proc) shows as "-". */
    private static Object cores(double cores) {
        return cores < 0 ? "-" : cores;
    }

    private OneByOne.Comparison oneByOne(SchedulerConfig base) throws Exception {
        // A p99 of 2,000 calls is the 20th slowest: one slow second of the machine moved it by half.
        int n = options.quick ? 400 : 5_000;
        System.out.printf(
                "-- submit one by one: %,d `schedule` calls, %,d raw confirmed publishes to a plain queue and"
                        + " %,d to the rung, taking turns%n",
                n, n, n);
        try (BenchNamespace namespace = BenchNamespace.of(base, JobLadderContender.TYPE);
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(namespace.config()).build()) {
            return OneByOne.compare(scheduler, JobLadderContender.TYPE, namespace.config(), n);
        }
    }

    private OfferedLoad.Result runOne(
            String system, SchedulerConfig base, Workload w, Duration grace, Map<String, String> settings)
            throws Exception {
        System.out.println("-- " + system + ": " + w);
        Probe probe = new Probe(w.jobs());
        OfferedLoad.Result r;
        try (BenchDatabase db = BenchDatabase.create(options, 14);
                Contender contender = Contenders.create(system, base, db, options, probe)) {
            settings.put(system, contender.settings());
            contender.start();
            r = OfferedLoad.run(contender, probe, w, grace, brokerPid);
            String lateArrivals = contender.lateArrivals();
            if (lateArrivals != null) {
                System.out.println("  " + lateArrivals);
            }
        }
        SteadyFigures s = r.steady();
        System.out.printf(
                "  steady window %s: %,d jobs due = %,.1f/s (offered %,d/s: %.1f %%); %,d started = %,.1f/s;"
                        + " %,d due in it not started by the end%s%n",
                s.window().describe(r.firstSubmitMillis()),
                s.due(),
                s.dueRate(),
                w.rate(),
                100 * s.dueRate() / w.rate(),
                s.started(),
                s.executedRate(),
                s.notRun(),
                s.steady(w.rate())
                        ? ""
                        : String.format(
                                "; NOT STEADY: jobs fell due at less than %.0f %%"
                                        + " of the offered rate, so this run says nothing about %,d/s",
                                SteadyWindow.STEADY_SHARE * 100, w.rate()));
        return r;
    }
}
