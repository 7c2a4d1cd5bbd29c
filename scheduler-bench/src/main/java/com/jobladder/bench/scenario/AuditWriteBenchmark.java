package com.jobladder.bench.scenario;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.setup.BenchDatabase;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.bench.setup.TempDir;
import com.jobladder.internal.audit.AuditBatcher;
import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.AuditStores;
import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.config.ConfigLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The audit store's write path as a worker drives it: handler threads each hand an attempt to
 * the {@link AuditBatcher} and wait for its commit (a worker acks only then). One row per
 * transaction against batches, on H2 and PostgreSQL, side by side in one run.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Audit writes: executions/s with batched commits vs one row per transaction, H2 and PostgreSQL.")
public final class AuditWriteBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--executions", description = "Attempts recorded per run (default 50000; quick 10000).")
    Integer executions;

    @Option(
            names = "--threads",
            defaultValue = "32",
            description = "Handler threads recording at once (default ${DEFAULT-VALUE}, e.g. 8 job types x 4).")
    int threads;

    @Option(
            names = "--batch-sizes",
            split = ",",
            defaultValue = "1,200",
            description = "audit.batch-size values (default ${DEFAULT-VALUE}; 1 is one row per transaction).")
    List<Integer> batchSizes;

    @Option(
            names = "--lingers",
            split = ",",
            defaultValue = "0,5",
            description =
                    "audit.batch-linger values in ms tried with each batch size above 1 (default ${DEFAULT-VALUE}).")
    List<Integer> lingers;

    @Option(
            names = "--databases",
            split = ",",
            defaultValue = "h2,postgresql,postgresql-no-rewrite",
            description = "Stores to measure (default ${DEFAULT-VALUE}); -no-rewrite turns off the multi-row"
                    + " INSERTs (reWriteBatchedInserts) JobLadder sets on PostgreSQL.")
    List<String> databases;

    @Override
    public Integer call() throws Exception {
        int n = executions != null ? executions : options.quick ? 10_000 : 50_000;
        System.out.println("== audit: " + Environment.describe(options));
        System.out.printf(
                "workload: %,d attempts per run (one in 15 FAILED with an error, the rest SUCCEEDED), %d"
                        + " threads each recording one and waiting for its commit, as handler threads do before they ack;"
                        + " a fresh database per run (H2 file, PostgreSQL database); 1,000 attempts of warm-up first%n",
                n, threads);
        AuditSettings base = ConfigLoader.load(options.conf).audit();
        ResultTable table = new ResultTable(
                "audit",
                "database",
                "batch size",
                "linger ms",
                "executions/s",
                "commit wait p50 ms",
                "commit wait p99 ms",
                "vs one row per transaction");
        Map<String, Double> oneRowRate = new LinkedHashMap<>();
        for (String database : databases) {
            for (int batchSize : batchSizes) {
                for (int linger : batchSize == 1 ? List.of(0) : lingers) {
                    Run run = runOne(base, database, batchSize, Duration.ofMillis(linger), n);
                    if (batchSize == 1) {
                        oneRowRate.put(database, run.perSecond());
                    }
                    Double baseline = oneRowRate.get(database);
                    table.add(
                            database,
                            batchSize,
                            linger,
                            run.perSecond(),
                            run.waitMicros().getValueAtPercentile(50) / 1000.0,
                            run.waitMicros().getValueAtPercentile(99) / 1000.0,
                            baseline == null ? "" : String.format("x%.1f", run.perSecond() / baseline));
                }
            }
        }
        System.out.println("postgresql-no-rewrite: the JDBC URL sets reWriteBatchedInserts=false (one INSERT per row)");
        table.publish(options.out);
        return 0;
    }

    private record Run(double perSecond, Histogram waitMicros) {}

    private Run runOne(AuditSettings base, String database, int batchSize, Duration linger, int n) throws Exception {
        System.out.printf("-- %s, batch size %d, linger %d ms%n", database, batchSize, linger.toMillis());
        try (TempDir dir = TempDir.create("jobladder-audit-bench");
                BenchDatabase pg = database.startsWith("postgresql") ? BenchDatabase.create(options, 1) : null) {
            AuditSettings settings = (pg == null
                            ? base.withJdbcUrl(dir.h2Url(), "sa", "")
                            : base.withJdbcUrl(
                                    pg.url() + (database.endsWith("no-rewrite") ? "?reWriteBatchedInserts=false" : ""),
                                    options.pgUser,
                                    options.pgPassword))
                    .withBatching(batchSize, linger);
            try (AuditStore store = AuditStores.open(settings, dir.path());
                    AuditBatcher batcher = new AuditBatcher(store, settings)) {
                record(batcher, "warmup-", 1_000, null);
                Histogram waits = new ConcurrentHistogram(60_000_000L, 3);
                long start = System.nanoTime();
                record(batcher, "job-", n, waits);
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Run(n / seconds, waits);
            }
        }
    }

    /** {@code n} attempts from {@link #threads} threads; each waits for its own commit. */
    private void record(AuditBatcher batcher, String prefix, int n, Histogram waits) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndIncrement()) < n) {
                    long begin = System.nanoTime();
                    batcher.record(attempt(prefix + i, i)).get();
                    if (waits != null) {
                        waits.recordValue(Math.max(1, (System.nanoTime() - begin) / 1_000));
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        pool.shutdown();
        while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
            System.out.printf("\r  recorded %,d / %,d   ", done.get(), n);
            System.out.flush();
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        System.out.printf("\r  recorded %,d / %,d   %n", done.get(), n);
    }

    private static JobAttempt attempt(String jobId, long i) {
        Instant finished = Instant.now();
        boolean failed = i % 15 == 0;
        return new JobAttempt(
                jobId,
                1,
                "bench",
                null,
                finished.minusMillis(12),
                finished.minusMillis(2),
                finished,
                failed ? Outcome.FAILED : Outcome.SUCCEEDED,
                "bench-worker",
                failed ? "java.lang.IllegalStateException: downstream answered 503" : null,
                Duration.ofMillis(10));
    }
}
