package com.jobladder.bench.scenario;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.bench.setup.BenchDatabase;
import com.jobladder.bench.setup.BenchNamespace;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.TransactionBoundDataSource;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.QueueTap;
import com.jobladder.testsupport.TestOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scheduling a job with an application's transaction, on PostgreSQL, side by side in one run: each
 * transaction inserts an order row and schedules one job due at once. Variants: the order alone
 * (the database's floor); the order committed, then {@code schedule} (not atomic: a crash between
 * loses the job); the outbox ({@code outbox().schedule} in the transaction, {@code committed()}
 * after it); db-scheduler's client inserting its row ({@code scheduleIfNotExists}) in the same
 * transaction. Throughput counts transactions per second; for JobLadder's two variants, latency
 * runs from the order's commit to the job's arrival in its worker queue (nothing consumes it but
 * the benchmark's tap).
 *
 * <pre>bin/bench outbox --jobs 3000 --threads 4</pre>
 */
@Command(
        name = "outbox",
        mixinStandardHelpOptions = true,
        description = "Scheduling in the application's transaction: outbox vs schedule after commit vs db-scheduler.")
public final class OutboxBenchmark implements Callable<Integer> {
    private static final String TYPE = "bench-outbox";

    @Mixin
    BenchOptions options;

    @Option(names = "--jobs", defaultValue = "3000", description = "Transactions (one job each) per variant.")
    int jobs;

    @Option(names = "--threads", defaultValue = "4", description = "Application threads running transactions.")
    int threads;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds of all variants, interleaved.")
    int rounds;

    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new OutboxBenchmark()).execute(args));
    }

    @FunctionalInterface
    private interface Transaction {
        void run(String id) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        BenchNamespace namespace = BenchNamespace.create(options.conf, TYPE);
        SchedulerConfig config = namespace.config();
        System.out.printf(
                "outbox: %d transactions per variant on %d threads, %d rounds; PostgreSQL %s%n",
                jobs, threads, rounds, options.pgUrl);
        double[][] rates = new double[4][rounds];
        Histogram direct = new Histogram(3);
        Histogram outboxed = new Histogram(3);
        try (BenchDatabase db = BenchDatabase.create(options, threads + 4)) {
            TestOutbox.createTable(db.dataSource());
            db.execute("create table bench.orders (id varchar(64) primary key, total int not null)");
            db.execute("create table scheduled_tasks (task_name text not null, task_instance text not null,"
                    + " task_data bytea, execution_time timestamptz not null, picked boolean not null, picked_by text,"
                    + " last_success timestamptz, last_failure timestamptz, consecutive_failures int,"
                    + " last_heartbeat timestamptz, version bigint not null, primary key (task_name, task_instance))");
            db.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
            run(db, config, rates, direct, outboxed);
        } finally {
            namespace.close();
        }
        System.out.printf(
                "%n| variant (%d threads) | transactions/s (best of %d) | commit to worker queue p50 / p99 |%n"
                        + "| --- | --- | --- |%n",
                threads, rounds);
        System.out.printf("| order row alone | %.0f | - |%n", best(rates[0]));
        System.out.printf(
                "| order row, commit, then `schedule` (not atomic) | %.0f | %s |%n", best(rates[1]), millis(direct));
        System.out.printf(
                "| order row + `outbox().schedule`, commit, `committed()` | %.0f | %s |%n",
                best(rates[2]), millis(outboxed));
        System.out.printf(
                "| order row + db-scheduler `scheduleIfNotExists` in the transaction | %.0f | (its poll: 10 s by"
                        + " default) |%n",
                best(rates[3]));
        return 0;
    }

    private void run(BenchDatabase db, SchedulerConfig config, double[][] rates, Histogram direct, Histogram outboxed)
            throws Exception {
        try (JobScheduler scheduler =
                JobSchedulerBuilder.fromSettings(config).outbox(db.dataSource()).build()) {
            TransactionBoundDataSource bound = new TransactionBoundDataSource(db.dataSource());
            OneTimeTask<String> task = Tasks.oneTime("bench", String.class).execute((instance, context) -> {});
            SchedulerClient dbScheduler =
                    SchedulerClient.Builder.create(bound, task).build();
            scheduler.schedule(JobRequest.ofType(TYPE).id("declares-the-queue").now());
            try (QueueTap tap =
                    QueueTap.on(config.broker().uri(), config.topologyNames().workerQueue(TYPE))) {
                for (int round = 0; round < rounds; round++) {
                    String r = "r" + round + "-";
                    rates[0][round] = rate(r + "order-", id -> bound.inTransaction(c -> order(c, id)));
                    rates[1][round] = rate(r + "direct-", id -> {
                        bound.inTransaction(c -> order(c, id));
                        committedAt.put(id, System.nanoTime());
                        scheduler.schedule(JobRequest.ofType(TYPE).id(id).now());
                    });
                    long start = System.nanoTime();
                    rate(r + "outbox-", id -> {
                        bound.inTransaction(c -> {
                            order(c, id);
                            scheduler
                                    .outbox()
                                    .schedule(c, JobRequest.ofType(TYPE).id(id).now());
                        });
                        committedAt.put(id, System.nanoTime());
                        scheduler.outbox().committed();
                    });
                    awaitArrivals(tap, r + "outbox-");
                    // Counted until the last job reached its queue, not only until the last commit.
                    rates[2][round] = jobs / ((System.nanoTime() - start) / 1e9);
                    rates[3][round] = rate(
                            r + "dbs-",
                            id -> bound.inTransaction(c -> {
                                order(c, id);
                                dbScheduler.scheduleIfNotExists(task.instance(id, "x".repeat(300)), Instant.now());
                            }));
                    awaitArrivals(tap, r + "direct-");
                    record(tap, r + "direct-", direct);
                    record(tap, r + "outbox-", outboxed);
                    System.out.printf(
                            "  round %d: order alone %.0f/s, order then schedule %.0f/s, outbox %.0f/s,"
                                    + " db-scheduler in the transaction %.0f/s%n",
                            round + 1, rates[0][round], rates[1][round], rates[2][round], rates[3][round]);
                }
            }
        }
    }

    private static void order(Connection connection, String id) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("insert into bench.orders (id, total) values (?, ?)")) {
            insert.setString(1, id);
            insert.setInt(2, 100);
            insert.executeUpdate();
        }
    }

    /** Runs {@code jobs} transactions over the threads; transactions per second. */
    private double rate(String prefix, Transaction transaction) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < jobs; i += threads) {
                        transaction.run(prefix + i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return jobs / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private void awaitArrivals(QueueTap tap, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (int i = 0; i < jobs; i++) {
            while (tap.arrivedAt(prefix + i) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(prefix + i + " never reached its worker queue");
                }
                Thread.sleep(1);
            }
        }
    }

    private void record(QueueTap tap, String prefix, Histogram histogram) {
        for (int i = 0; i < jobs; i++) {
            histogram.recordValue(Math.max(0, (tap.arrivedAt(prefix + i) - committedAt.get(prefix + i)) / 1_000));
        }
    }

    private static String millis(Histogram micros) {
        return String.format(
                "%.1f / %.1f ms", micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3);
    }

    private static double best(double[] rates) {
        double best = 0;
        for (double rate : rates) {
            best = Math.max(best, rate);
        }
        return best;
    }
}
