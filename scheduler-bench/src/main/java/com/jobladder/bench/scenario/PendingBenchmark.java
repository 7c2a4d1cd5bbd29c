package com.jobladder.bench.scenario;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.BatchResult;
import com.jobladder.api.ContentTypes;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.bench.contender.JobLadderContender;
import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.bench.setup.TempDir;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.testsupport.PrivateBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenario 4, pending capacity, on a private broker node: a worker daemon runs while N jobs with
 * delays uniform over 1-24 h are submitted ({@code scheduleAll}, batches of 1,000); the worker's
 * heap is measured before and after (after a full GC, same JVM as the submitter), the broker's
 * memory per pending job from {@code rabbitmqctl list_queues memory} and the node's total
 * (erlang:memory(total)), then the node is stopped and started and the jobs are counted again.
 */
@Command(
        name = "pending",
        mixinStandardHelpOptions = true,
        description =
                "Many jobs pending 1-24 h: worker heap, broker memory per job, submit time, survival of a restart.")
public final class PendingBenchmark implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Option(names = "--pending", description = "Jobs to leave pending (default 1000000; quick 20000).")
    Integer pending;

    @Override
    public Integer call() throws Exception {
        int n = pending != null ? pending : options.quick ? 20_000 : 1_000_000;
        System.out.println("== pending: " + Environment.describe(options));
        System.out.printf(
                "workload: %,d jobs, delays uniform 1-24 h, 300-byte payloads, submitted with scheduleAll in"
                        + " batches of 1,000 to a private RabbitMQ node (default settings), one worker daemon running"
                        + " (no-op handler, H2 audit); then a node restart%n",
                n);
        ResultTable table = new ResultTable(
                "pending",
                "pending jobs",
                "submit s",
                "submit jobs/s",
                "worker heap before MiB",
                "worker heap after MiB",
                "queue memory before MiB",
                "queue memory after MiB",
                "queue bytes/job",
                "node memory bytes/job",
                "node memory bytes/job settled",
                "messages before restart",
                "messages after restart");
        SchedulerConfig base = ConfigLoader.load(options.conf);
        try (PrivateBroker node = PrivateBroker.start("[].");
                TempDir auditDir = TempDir.create("jobladder-bench-pending")) {
            SchedulerConfig config = BenchOptions.patient(
                            base.withBroker(base.broker().withUri(node.uri()).withNamespace("bench-pending")))
                    .withAudit(base.audit().withJdbcUrl(auditDir.h2Url(), "sa", ""));
            WorkerDaemon worker = Guice.createInjector(
                            Stage.PRODUCTION,
                            new WorkerModule(config, Clock.systemUTC()),
                            binder -> JobHandlers.register(binder, JobLadderContender.TYPE, job -> {}))
                    .getInstance(WorkerDaemon.class);
            worker.start();
            double queueBefore;
            double nodeBefore;
            double heapBefore;
            double heapAfter;
            double submitSeconds;
            try (JobScheduler scheduler =
                    JobSchedulerBuilder.fromSettings(config).build()) {
                scheduler.schedule(JobRequest.ofType(JobLadderContender.TYPE)
                        .payload("warm-up")
                        .after(Duration.ofDays(1)));
                heapBefore = Probe.heapAfterGcMiB();
                queueBefore = queueMemory(node);
                nodeBefore = nodeMemory(node);
                long start = System.nanoTime();
                byte[] payload = new byte[300];
                for (int done = 0; done < n; ) {
                    List<JobRequest> batch = new ArrayList<>();
                    for (int i = 0; i < 1_000 && done < n; i++, done++) {
                        long delay = ThreadLocalRandom.current()
                                .nextLong(
                                        Duration.ofHours(1).toMillis(),
                                        Duration.ofHours(24).toMillis() + 1);
                        batch.add(JobRequest.ofType(JobLadderContender.TYPE)
                                .payload(payload, ContentTypes.BYTES)
                                .after(Duration.ofMillis(delay)));
                    }
                    BatchResult result = scheduler.scheduleAll(batch);
                    if (!result.allScheduled()) {
                        throw new IllegalStateException(result.failed().size() + " pending jobs failed: "
                                + result.failed().get(0).error().getMessage());
                    }
                    if (done % 10_000 == 0) {
                        System.out.printf("\r  submitted %,d / %,d   ", done, n);
                        System.out.flush();
                    }
                }
                submitSeconds = (System.nanoTime() - start) / 1e9;
                System.out.println();
            }
            Thread.sleep(5_000);
            heapAfter = Probe.heapAfterGcMiB();
            double queueAfter = queueMemory(node);
            double nodeAfter = nodeMemory(node);
            // Right after the submit the node still holds write-ahead-log buffers; what stays is the cost of a
            // pending job.
            System.out.printf("  waiting %d s for the node's memory to settle...%n", SETTLE.toSeconds());
            Thread.sleep(SETTLE.toMillis());
            double nodeSettled = nodeMemory(node);
            long before = pendingMessages(node);
            worker.stop();
            System.out.println("  restarting the private node...");
            long restartStart = System.nanoTime();
            node.restart();
            // quorum queues recover their logs after the node reports started: wait for the count to settle
            long after = pendingMessages(node);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (after < before && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                after = pendingMessages(node);
            }
            System.out.printf(
                    "  after the restart: %,d messages, %.0f s after the restart began%n",
                    after, (System.nanoTime() - restartStart) / 1e9);
            table.add(
                    n,
                    submitSeconds,
                    n / submitSeconds,
                    heapBefore,
                    heapAfter,
                    queueBefore / 1048576,
                    queueAfter / 1048576,
                    (queueAfter - queueBefore) / n,
                    (nodeAfter - nodeBefore) / n,
                    (nodeSettled - nodeBefore) / n,
                    before,
                    after);
            // More after than before is a cron fire the worker published ahead meanwhile, not a loss.
            if (after < before || before < n) {
                System.out.println("WARNING: " + before + " messages before the restart, " + after + " after, " + n
                        + " submitted:\n" + node.describeQueues());
            }
        }
        table.publish(options.out);
        return 0;
    }

    /** Sum of list_queues memory (bytes) over every queue of the node. */
    private static double queueMemory(PrivateBroker node) throws Exception {
        double sum = 0;
        for (String line : node.rabbitmqctl("list_queues", "memory", "--no-table-headers", "-q")
                .split("\n")) {
            if (!line.isBlank()) {
                sum += Double.parseDouble(line.trim());
            }
        }
        return sum;
    }

    private static double nodeMemory(PrivateBroker node) throws Exception {
        return Double.parseDouble(
                node.rabbitmqctl("eval", "erlang:memory(total).").trim());
    }

    /** Messages in every queue of the node (ready + unacknowledged), minus the warm-up job. */
    private static long pendingMessages(PrivateBroker node) throws Exception {
        long sum = 0;
        for (String line : node.rabbitmqctl("list_queues", "messages", "--no-table-headers", "-q")
                .split("\n")) {
            if (!line.isBlank()) {
                sum += Long.parseLong(line.trim());
            }
        }
        return sum - 1;
    }
}
