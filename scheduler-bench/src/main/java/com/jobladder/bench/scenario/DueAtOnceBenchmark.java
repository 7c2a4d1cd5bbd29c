package com.jobladder.bench.scenario;

import com.jobladder.bench.contender.Contender;
import com.jobladder.bench.contender.Contenders;
import com.jobladder.bench.load.OfferedLoad;
import com.jobladder.bench.load.OneByOne;
import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.setup.BenchDatabase;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Many jobs due in the same instant, side by side (10,000 by default: how long after the instant
 * the last one starts). Each system gets the jobs from {@link OfferedLoad#SUBMITTERS} threads well before
 * the instant, with its defaults (JobLadder's travel the ladder and wait in the worker, held), and
 * its no-op handler logs each start. The table gives how late the first, the median, the p99 and
 * the last job started.
 */
@Command(
        name = "due-at-once",
        mixinStandardHelpOptions = true,
        description = "Many jobs due in one instant: how late the first, the median and the last start.")
public final class DueAtOnceBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--jobs", description = "Jobs due in the instant (default 10000; quick 2000).")
    Integer jobs;

    @Option(
            names = "--due-in",
            description = "Seconds from the start of submitting to the instant (default 30;"
                    + " quick 15). Submitting must end before it.")
    Integer dueInSeconds;

    @Option(
            names = "--systems",
            split = ",",
            defaultValue = "jobladder,db-scheduler",
            description = "Systems to run (default ${DEFAULT-VALUE}): " + Contenders.NAMES + ".")
    List<String> systems;

    /** How long after the instant a run waits for its last job; one not started by then counts as not run. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    @Override
    public Integer call() throws Exception {
        int n = jobs != null ? jobs : options.quick ? 2_000 : 10_000;
        Duration dueIn = Duration.ofSeconds(dueInSeconds != null ? dueInSeconds : options.quick ? 15 : 30);
        System.out.println("== due-at-once: " + Environment.describe(options));
        System.out.println("broker: " + options.brokerDescription());
        System.out.printf(
                "workload: %,d jobs due in one instant %d s after submitting starts, 300-byte payloads,"
                        + " submitted from %d threads; one scheduler instance with a no-op handler writing one audit row per"
                        + " job; a run waits up to %d s after the instant%n",
                n, dueIn.toSeconds(), OfferedLoad.SUBMITTERS, GRACE.toSeconds());
        ResultTable table = new ResultTable(
                "due-at-once",
                "system",
                "jobs",
                "submitted in s",
                "first late ms",
                "p50 late ms",
                "p99 late ms",
                "last late ms",
                "started early",
                "not run");
        try (BenchOptions.BrokerTarget broker = options.openBroker()) {
            SchedulerConfig base = broker.apply(ConfigLoader.load(options.conf));
            for (String system : systems) {
                table.add(run(system, base, n, dueIn).toArray());
            }
        }
        table.publish(options.out);
        return 0;
    }

    private List<Object> run(String system, SchedulerConfig base, int n, Duration dueIn) throws Exception {
        Probe probe = new Probe(n);
        try (BenchDatabase db = BenchDatabase.create(options, 14);
                Contender contender = Contenders.create(system, base, db, options, probe)) {
            System.out.println("-- " + system + ": " + contender.settings());
            contender.start();
            long submitStart = System.nanoTime();
            Instant due = Instant.ofEpochMilli(System.currentTimeMillis() + dueIn.toMillis());
            submitAll(contender, n, due);
            double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
            if (Instant.now().isAfter(due)) {
                throw new IllegalStateException(system + " took " + submitSeconds + " s to take " + n + " jobs, past"
                        + " their due instant: give a longer --due-in");
            }
            long deadline = due.toEpochMilli() + GRACE.toMillis();
            while (probe.executed() < n && System.currentTimeMillis() < deadline) {
                System.out.printf(
                        "\r  %s: %,d of %,d started (%+.1f s from the instant)   ",
                        system, probe.executed(), n, (System.currentTimeMillis() - due.toEpochMilli()) / 1000.0);
                Thread.sleep(250);
            }
            System.out.println();
            String lateArrivals = contender.lateArrivals();
            if (lateArrivals != null) {
                System.out.println("  " + lateArrivals);
            }
            Histogram late = new Histogram(3);
            probe.executions()
                    .forEach((dueMillis, startedMillis) -> late.recordValue(Math.max(0, startedMillis - dueMillis)));
            long notRun = n - probe.executed();
            System.out.printf(
                    "  %s: first started %d ms after the instant, p50 %d ms, p99 %d ms, last %d ms; %,d not"
                            + " run within %d s%n",
                    system,
                    late.getMinValue(),
                    late.getValueAtPercentile(50),
                    late.getValueAtPercentile(99),
                    late.getMaxValue(),
                    notRun,
                    GRACE.toSeconds());
            return List.of(
                    system,
                    n,
                    String.format("%.1f", submitSeconds),
                    late.getMinValue(),
                    late.getValueAtPercentile(50),
                    late.getValueAtPercentile(99),
                    late.getMaxValue(),
                    probe.early(),
                    notRun);
        }
    }

    /** All {@code n} jobs, due at {@code due}, from the submitting threads; returns once each is stored. */
    private static void submitAll(Contender contender, int n, Instant due) throws Exception {
        byte[] payload = new byte[OneByOne.PAYLOAD_BYTES];
        ExecutorService submitters = Executors.newFixedThreadPool(OfferedLoad.SUBMITTERS);
        try {
            List<CompletableFuture<Void>> stored = new ArrayList<>(n);
            String prefix = "at-once-" + System.nanoTime() + "-";
            for (int i = 0; i < n; i++) {
                String id = prefix + i;
                stored.add(CompletableFuture.supplyAsync(() -> submitOne(contender, id, payload, due), submitters)
                        .thenCompose(storing -> storing));
            }
            CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).join();
        } finally {
            submitters.shutdown();
        }
    }

    private static CompletableFuture<Void> submitOne(Contender contender, String id, byte[] payload, Instant due) {
        try {
            return contender.submit(id, payload, due).thenAccept(stored -> {});
        } catch (Exception e) {
            throw new IllegalStateException("submitting " + id + " failed", e);
        }
    }
}
