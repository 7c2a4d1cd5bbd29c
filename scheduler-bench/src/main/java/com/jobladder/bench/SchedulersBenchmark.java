package com.jobladder.bench;

import com.jobladder.config.ConfigLoader;
import com.jobladder.config.SchedulerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenarios 2 and 3: JobLadder, Quartz and db-scheduler under the same open-loop workload, one
 * after another at each rate (so that machine noise hits all three alike), each with a fresh
 * private PostgreSQL database. Prints one row per system and rate, the highest rate each
 * sustains (every job run, p99 lateness under 100 ms), and JobLadder's ratios to each peer.
 */
@Command(name = "schedulers", mixinStandardHelpOptions = true,
        description = "JobLadder vs Quartz vs db-scheduler: offered rates, lateness, submit latency, heap, CPU.")
final class SchedulersBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--rates", split = ",", description = "Offered jobs/s (default 200,1000,2000,5000; quick 500,2000).")
    List<Integer> rates;

    @Option(names = "--duration", description = "Seconds of offered load per run (default 60; quick 3).")
    Integer durationSeconds;

    @Option(names = "--max-delay", description = "Delays are uniform from 1 s to this many seconds (default 60; quick 3).")
    Integer maxDelaySeconds;

    @Option(names = "--systems", split = ",", defaultValue = "jobladder,jobladder-async,quartz,db-scheduler",
            description = "Systems to run (default ${DEFAULT-VALUE}); jobladder-async submits with scheduleAsync.")
    List<String> systems;

    @Override
    public Integer call() throws Exception {
        List<Integer> offered = rates != null ? rates : options.quick ? List.of(500, 2000) : List.of(200, 1000, 2000, 5000);
        int seconds = durationSeconds != null ? durationSeconds : options.quick ? 3 : 60;
        int maxDelay = maxDelaySeconds != null ? maxDelaySeconds : options.quick ? 3 : 60;
        Duration grace = Duration.ofSeconds(options.quick ? 3 : 60);
        System.out.println("== schedulers: " + Environment.describe(options));
        System.out.println("broker: " + options.brokerDescription());
        try (BenchOptions.BrokerTarget broker = options.openBroker()) {
            run(broker.apply(ConfigLoader.load(options.conf)), offered, seconds, maxDelay, grace);
        }
        return 0;
    }

    private void run(SchedulerConfig base, List<Integer> offered, int seconds, int maxDelay, Duration grace)
            throws Exception {
        System.out.printf("workload: each rate in %s jobs/s offered for %d s, delays uniform 1-%d s, 300-byte payloads,"
                + " %d submitting threads (durable submit; jobladder-async does not wait for the confirm), one"
                + " scheduler instance with a no-op handler"
                + " writing one audit row per job; waits up to %d s after the last due time%n", offered, seconds,
                maxDelay, OfferedLoad.SUBMITTERS, grace.toSeconds());
        if (options.quick) {
            System.out.println("QUICK MODE: delays 1-" + maxDelay + " s instead of 1-60 s and " + seconds
                    + " s per rate instead of 60 s; figures are indicative only");
        }
        ResultTable table = new ResultTable("schedulers", "system", "offered/s", "achieved/s", "jobs", "executed",
                "executed/s", "late p50 ms", "late p99 ms", "late p99.9 ms", "late max ms", "submit p50 ms",
                "submit p99 ms", "heap after GC MiB", "heap peak MiB", "CPU cores");
        LatenessChart chart = new LatenessChart("Lateness by scheduler and offered rate (" + options.mode() + " mode)");
        Map<String, List<OfferedLoad.Result>> bySystem = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> early = new ArrayList<>();
        for (int rate : offered) {
            Workload w = new Workload(rate, Duration.ofSeconds(seconds), Duration.ofSeconds(1),
                    Duration.ofSeconds(maxDelay), 300);
            for (String system : systems) {
                OfferedLoad.Result r = runOne(system, base, w, grace, settings);
                bySystem.computeIfAbsent(system, k -> new ArrayList<>()).add(r);
                table.add(system, rate, r.achievedRate(), r.submitted(), r.executed(), r.executedPerSecond(),
                        r.lateness().getValueAtPercentile(50), r.lateness().getValueAtPercentile(99),
                        r.lateness().getValueAtPercentile(99.9), r.lateness().getMaxValue(),
                        r.submitMicros().getValueAtPercentile(50) / 1000.0,
                        r.submitMicros().getValueAtPercentile(99) / 1000.0, r.heapAfterGcMiB(), r.heapPeakMiB(),
                        r.cpuCores());
                chart.add(system + " @ " + rate + "/s", r.lateness());
                if (r.early() > 0) {
                    early.add(String.format("%s @ %d/s: %d jobs started before their due time (counted as lateness 0),"
                            + " up to %d ms early", system, rate, r.early(), r.mostEarlyMs()));
                }
            }
        }
        settings.forEach((system, s) -> System.out.println("settings " + system + ": " + s));
        table.publish(options.out);
        chart.write(options.out.resolve("schedulers-lateness.png"));
        early.forEach(System.out::println);
        summarize(bySystem);
    }

    private OfferedLoad.Result runOne(String system, SchedulerConfig base, Workload w, Duration grace,
                                      Map<String, String> settings) throws Exception {
        System.out.println("-- " + system + ": " + w);
        Probe probe = new Probe();
        try (BenchDatabase db = BenchDatabase.create(options, 14); Contender contender = contender(system, base, db, probe)) {
            settings.put(system, contender.settings());
            contender.start();
            return OfferedLoad.run(contender, probe, w, grace);
        }
    }

    private Contender contender(String system, SchedulerConfig base, BenchDatabase db, Probe probe) {
        return switch (system) {
            case "jobladder" -> new JobLadderContender(base, db, options, probe, false);
            case "jobladder-async" -> new JobLadderContender(base, db, options, probe, true);
            case "quartz" -> new QuartzContender(db, probe);
            case "db-scheduler" -> new DbSchedulerContender(db, probe);
            default -> throw new IllegalArgumentException("unknown system " + system
                    + ": expected jobladder, jobladder-async, quartz or db-scheduler");
        };
    }

    private static void summarize(Map<String, List<OfferedLoad.Result>> bySystem) {
        System.out.println();
        for (Map.Entry<String, List<OfferedLoad.Result>> e : bySystem.entrySet()) {
            int best = 0;
            for (OfferedLoad.Result r : e.getValue()) {
                if (r.sustained()) {
                    best = Math.max(best, r.workload().rate());
                }
            }
            System.out.printf("%s: highest offered rate sustained (all jobs run, lateness p99 < 100 ms): %s%n",
                    e.getKey(), best == 0 ? "none of the rates tried" : best + " jobs/s");
        }
        List<OfferedLoad.Result> ours = bySystem.get("jobladder");
        if (ours == null) {
            return;
        }
        for (Map.Entry<String, List<OfferedLoad.Result>> e : bySystem.entrySet()) {
            if (e.getKey().equals("jobladder")) {
                continue;
            }
            for (int i = 0; i < ours.size() && i < e.getValue().size(); i++) {
                OfferedLoad.Result a = ours.get(i);
                OfferedLoad.Result b = e.getValue().get(i);
                System.out.printf("jobladder / %s @ %d/s: executed/s x%.2f, lateness p99 %d vs %d ms (x%.2f),"
                                + " submit p99 %.2f vs %.2f ms, CPU x%.2f%n", e.getKey(), a.workload().rate(),
                        a.executedPerSecond() / Math.max(0.001, b.executedPerSecond()),
                        a.lateness().getValueAtPercentile(99), b.lateness().getValueAtPercentile(99),
                        a.lateness().getValueAtPercentile(99) / Math.max(1.0, b.lateness().getValueAtPercentile(99)),
                        a.submitMicros().getValueAtPercentile(99) / 1000.0,
                        b.submitMicros().getValueAtPercentile(99) / 1000.0, a.cpuCores() / Math.max(0.001, b.cpuCores()));
            }
        }
    }
}
