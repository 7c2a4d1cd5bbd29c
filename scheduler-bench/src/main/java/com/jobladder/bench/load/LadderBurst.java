package com.jobladder.bench.load;

import com.jobladder.api.BatchResult;
import com.jobladder.api.ContentTypes;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.bench.contender.JobLadderContender;
import com.jobladder.bench.setup.TempDir;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.LadderRoute;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The ladder alone, without a worker daemon: N jobs submitted flat out with {@code scheduleAll}
 * (batches of 1,000, pipelined confirms), all due within one second of an instant a few seconds
 * ahead, so that they leave the ladder's rungs together; a plain consumer on the worker queue
 * (manual ack) measures how fast they come out and how late. The ladder's dead-letter hops are
 * the only work the broker does after the submit.
 */
public final class LadderBurst {
    public record Result(
            int jobs,
            double submitPerSecond,
            double meanHops,
            long delivered,
            double deliveredPerSecond,
            Histogram lateness) {}

    private LadderBurst() {}

    /** {@code config} names a namespace of its own; its topology is deleted afterwards. */
    public static Result run(SchedulerConfig base, int jobs, Duration lead) throws Exception {
        Instant dueFrom = Instant.now().plus(lead);
        return run(
                base,
                jobs,
                0,
                i -> dueFrom.plusMillis(ThreadLocalRandom.current().nextLong(1_000)),
                dueFrom);
    }

    /**
     * Paced instead of a burst: {@code rate} jobs/s (in batches of rate/10 every 100 ms), each
     * due a uniform random delay between {@code minDelay} and {@code maxDelay} after submission.
     */
    public static Result paced(SchedulerConfig base, int rate, Duration duration, Duration minDelay, Duration maxDelay)
            throws Exception {
        return run(
                base,
                (int) (rate * duration.toSeconds()),
                rate,
                i -> Instant.now()
                        .plusMillis(ThreadLocalRandom.current().nextLong(minDelay.toMillis(), maxDelay.toMillis() + 1)),
                Instant.now().plus(minDelay));
    }

    private static Result run(
            SchedulerConfig base, int jobs, int rate, java.util.function.LongFunction<Instant> dueTime, Instant dueFrom)
            throws Exception {
        TempDir auditDir = TempDir.create("jobladder-bench-burst");
        SchedulerConfig config = base.withAudit(base.audit().withJdbcUrl(auditDir.h2Url(), "sa", ""));
        String type = JobLadderContender.TYPE;
        Histogram lateness = new Histogram(3_600_000L, 3);
        LongAdder delivered = new LongAdder();
        AtomicLong lastDelivery = new AtomicLong();
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build();
                Connection connection = BrokerConnections.open(config.broker(), "jobladder-bench-burst")) {
            // the first schedule declares the worker queue of the type
            Instant start = Instant.now();
            Channel consumer = connection.createChannel();
            consumer.basicQos(1_000);
            double hops = 0;
            long submitStart = System.nanoTime();
            byte[] payload = new byte[300];
            for (int done = 0; done < jobs; ) {
                List<JobRequest> batch = new ArrayList<>();
                int batchSize = rate > 0 ? Math.max(1, rate / 10) : 1_000;
                if (rate > 0) {
                    long wait = submitStart + (long) done * 1_000_000_000L / rate - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                for (int i = 0; i < batchSize && done < jobs; i++, done++) {
                    Instant due = dueTime.apply(done);
                    hops += LadderRoute.of(config.ladder(), Duration.between(Instant.now(), due), type)
                            .hops();
                    batch.add(JobRequest.ofType(type)
                            .payload(payload, ContentTypes.BYTES)
                            .at(due));
                }
                BatchResult result = scheduler.scheduleAll(batch);
                if (!result.allScheduled()) {
                    throw new IllegalStateException(result.failed().size() + " jobs of a batch failed: "
                            + result.failed().get(0).error().getMessage());
                }
                if (done == batch.size()) { // the first batch declared the worker queue
                    consumer.basicConsume(
                            config.topologyNames().workerQueue(type), false, new DefaultConsumer(consumer) {
                                @Override
                                public void handleDelivery(
                                        String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                                        throws java.io.IOException {
                                    long now = System.currentTimeMillis();
                                    long dueAt = ((Number) props.getHeaders().get("job-due-at")).longValue();
                                    synchronized (lateness) {
                                        lateness.recordValue(Math.min(3_600_000L, Math.max(0, now - dueAt)));
                                    }
                                    lastDelivery.set(now);
                                    delivered.increment();
                                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                                }
                            });
                }
            }
            double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
            long deadline = System.currentTimeMillis() + 180_000;
            while (delivered.sum() < jobs && System.currentTimeMillis() < deadline) {
                System.out.printf("\r  ladder: %d / %d delivered   ", delivered.sum(), jobs);
                System.out.flush();
                Thread.sleep(250);
            }
            System.out.println();
            consumer.close();
            double span = Math.max(
                            1,
                            lastDelivery.get()
                                    - Math.max(
                                            dueFrom.toEpochMilli(),
                                            start.toEpochMilli() + (long) (submitSeconds * 1000)))
                    / 1000.0;
            synchronized (lateness) {
                return new Result(
                        jobs,
                        jobs / submitSeconds,
                        hops / jobs,
                        delivered.sum(),
                        delivered.sum() / span,
                        lateness.copy());
            }
        } finally {
            JobLadderContender.deleteNamespace(config);
            auditDir.close();
        }
    }
}
