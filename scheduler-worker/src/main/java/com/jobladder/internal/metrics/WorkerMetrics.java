package com.jobladder.internal.metrics;

import com.jobladder.internal.amqp.ConfirmedPublisher;
import com.jobladder.internal.amqp.PublishMeters;
import com.jobladder.internal.audit.AuditBatcher;
import com.jobladder.internal.engine.WorkerStats;
import com.jobladder.internal.topology.TopologyNames;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The worker daemon's meters (names in docs/metrics.md), fed from where the daemon already counts:
 * {@link WorkerStats} for jobs, the confirmed publisher for confirms, the audit batcher for
 * commits, and a poller for queue depths. Created once the daemon's parts are up; closed with it.
 */
public final class WorkerMetrics implements AutoCloseable {
    private final QueueDepths depths;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** What the daemon knows live, read on each scrape. */
    public interface Live {
        long held();

        /** Deliveries taken by each type's handler pool: running or waiting for a thread. */
        Map<String, Integer> inFlight();

        boolean cronLeader();
    }

    private WorkerMetrics(QueueDepths depths) {
        this.depths = depths;
    }

    /**
     * Binds JobLadder's meters to {@code registry} and the process's (JVM memory, threads, GC, CPU,
     * uptime) to {@code process}: an embedding application binds the latter itself, and binding a
     * second GC listener on its registry would count every pause twice.
     */
    public static WorkerMetrics bind(
            MeterRegistry registry,
            PrometheusMeterRegistry process,
            WorkerStats stats,
            Live live,
            ConfirmedPublisher publisher,
            AuditBatcher batcher,
            Connection consuming,
            TopologyNames names,
            Collection<String> types) {
        stats.observe(new JobMeters(registry));
        PublishMeters.bind(registry, publisher, "worker");
        Timer commits = Timer.builder("jobladder.audit.commit")
                .description("One batch of audit rows, from insert to commit")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        Counter rows = Counter.builder("jobladder.audit.rows")
                .description("Audit rows committed")
                .register(registry);
        batcher.observe((nanos, count) -> {
            commits.record(nanos, TimeUnit.NANOSECONDS);
            rows.increment(count);
        });
        Gauge.builder("jobladder.audit.pending", batcher, AuditBatcher::pending)
                .description("Attempts waiting for their audit row to commit")
                .register(registry);
        Gauge.builder("jobladder.jobs.held", live, Live::held)
                .description("Early deliveries held, unacked, until they are due (the final approach)")
                .register(registry);
        for (String type : types) {
            gauge(
                    registry,
                    "jobladder.deliveries.in.flight",
                    () -> live.inFlight().getOrDefault(type, 0),
                    type);
        }
        BooleanSupplier leading = live::cronLeader;
        Gauge.builder("jobladder.cron.leader", () -> leading.getAsBoolean() ? 1 : 0)
                .description("1 while this daemon is the cron leader")
                .register(registry);
        new JvmMemoryMetrics().bindTo(process);
        new JvmThreadMetrics().bindTo(process);
        new ProcessorMetrics().bindTo(process);
        new UptimeMetrics().bindTo(process);
        QueueDepths depths = new QueueDepths(consuming, names, types);
        depths.bind(registry);
        WorkerMetrics metrics = new WorkerMetrics(depths);
        metrics.gc.bindTo(process);
        depths.start();
        return metrics;
    }

    private static void gauge(MeterRegistry registry, String name, Supplier<Number> value, String type) {
        Gauge.builder(name, value)
                .description("Deliveries taken by the type's handler pool: running or waiting")
                .tag("type", type)
                .register(registry);
    }

    public QueueDepths queueDepths() {
        return depths;
    }

    @Override
    public void close() {
        depths.close();
        gc.close();
    }
}
