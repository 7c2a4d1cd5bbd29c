package com.jobladder.bench.contender;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.ContentTypes;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.setup.BenchDatabase;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * JobLadder as configured (ladder, worker prefetch and concurrency from scheduler.conf), in a
 * namespace of its own on the broker, auditing into the run's private PostgreSQL database.
 * One worker daemon with a no-op handler; its audit rows are written by the daemon itself.
 * Submits with {@code schedule} (returns on the broker's confirm), or as "jobladder-async" with
 * {@code scheduleAsync} (the future completes on the confirm; the caller does not wait).
 */
public final class JobLadderContender implements Contender {
    public static final String TYPE = "bench";
    private final String name;
    private final SchedulerConfig config;
    private final Probe probe;
    private final boolean async;
    private WorkerDaemon worker;
    private JobScheduler scheduler;
    /** The client's meters: its confirm timer splits a submit into the broker's part and the wait before it. */
    private final SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();

    /** @param name the system as the run names it, with its settings ({@code jobladder-async@ladder.window=1024ms}) */
    public JobLadderContender(
            String name, SchedulerConfig base, BenchDatabase db, BenchOptions options, Probe probe, boolean async) {
        this.name = name;
        this.config = inNamespaceOfItsOwn(base)
                .withAudit(base.audit().withJdbcUrl(db.url(), options.pgUser, options.pgPassword));
        this.probe = probe;
        this.async = async;
    }

    public static SchedulerConfig inNamespaceOfItsOwn(SchedulerConfig base) {
        return base.withBroker(base.broker()
                        .withNamespace("bench-" + UUID.randomUUID().toString().substring(0, 8)))
                .withHttp(base.http().withPort(0));
    }

    public SchedulerConfig config() {
        return config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String settings() {
        return "radix " + config.ladder().radix() + ", unit "
                + config.ladder().unit().toMillis() + " ms, levels "
                + config.ladder().levels() + ", " + config.ladder().queueType() + " queues, window "
                + config.ladder().window().toMillis() + " ms, lead "
                + config.ladder().lead().toMillis()
                + " ms; worker prefetch " + config.worker().prefetch() + " + hold budget "
                + config.forType(TYPE).holdBudget() + ", concurrency "
                + config.forType(TYPE).concurrency()
                + "; audit batch " + config.audit().batchSize() + " on PostgreSQL";
    }

    @Override
    public void start() throws Exception {
        worker = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(config, Clock.systemUTC()),
                        binder -> JobHandlers.register(
                                binder, TYPE, job -> probe.ran(job.dueAt().toEpochMilli())))
                .getInstance(WorkerDaemon.class);
        worker.start();
        clientMeters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig statistics) {
                // Percentiles over the whole run, not Micrometer's default rolling two minutes.
                return DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.99)
                        .percentilePrecision(2)
                        .expiry(Duration.ofHours(1))
                        .bufferLength(1)
                        .build()
                        .merge(statistics);
            }
        });
        scheduler = JobSchedulerBuilder.fromSettings(config)
                .meterRegistry(clientMeters)
                .build();
    }

    @Override
    public CompletableFuture<?> submit(String id, byte[] payload, Instant dueAt) {
        JobRequest job = JobRequest.ofType(TYPE)
                .id(id)
                .payload(payload, ContentTypes.BYTES)
                .at(dueAt);
        if (async) {
            return scheduler.scheduleAsync(job);
        }
        scheduler.schedule(job);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String lateArrivals() {
        Histogram late = worker.stats().arrivalLateness();
        Histogram started = worker.stats().lateness();
        return String.format(
                "whole run, %,d deliveries: arrived after their due time p50 %d ms, p99 %d ms, p99.9 %d ms,"
                        + " max %d ms (the broker's part) against started p99 %d ms, p99.9 %d ms, max %d ms;"
                        + " %,d jobs came in %,d bundles; %s",
                late.getTotalCount(),
                late.getValueAtPercentile(50),
                late.getValueAtPercentile(99),
                late.getValueAtPercentile(99.9),
                late.getMaxValue(),
                started.getValueAtPercentile(99),
                started.getValueAtPercentile(99.9),
                started.getMaxValue(),
                worker.stats().bundledJobCount(),
                worker.stats().bundleCount(),
                confirms());
    }

    /** How long the client's messages waited for the broker's confirm, from their publish. */
    private String confirms() {
        var timer = clientMeters
                .find("jobladder.publish.confirm")
                .tag("component", "client")
                .tag("outcome", "confirmed")
                .timer();
        if (timer == null || timer.count() == 0) {
            return "no confirmed message";
        }
        StringBuilder line = new StringBuilder(String.format("%,d messages confirmed after", timer.count()));
        for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
            line.append(String.format(" p%.0f %.1f ms,", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        return line.append(String.format(" max %.1f ms", timer.max(TimeUnit.MILLISECONDS)))
                .toString();
    }

    JobScheduler scheduler() {
        return scheduler;
    }

    WorkerDaemon worker() {
        return worker;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (worker != null) {
            worker.stop();
        }
        deleteNamespace(config);
    }

    public static void deleteNamespace(SchedulerConfig config) {
        try (Connection connection = BrokerConnections.open(config.broker(), "jobladder-bench-cleanup");
                Channel channel = connection.createChannel()) {
            new TopologyDeclarer(config.topologyNames()).deleteAll(channel, List.of(TYPE));
        } catch (Exception e) {
            System.err.println("could not delete the benchmark's namespace "
                    + config.broker().namespace() + ": " + e);
        }
    }
}
