package com.jobladder.bench.contender;

import com.jobladder.bench.measure.DelayRange;
import com.jobladder.bench.measure.Probe;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.LadderSpec;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RawVariant} as a {@link Contender}, so that the raw broker and JobLadder are driven
 * and measured by the same {@code OfferedLoad}: plain amqp-client, persistent 300-byte messages
 * published on one channel with pipelined confirms (a submit completes on its confirm), one
 * consumer, on a {@link RawTopology}. The probe is told when the job was meant to arrive: its
 * due time, or for d (acked on arrival) its rung's expiry, so d's lateness is the hop's own.
 */
public final class RawContender implements Contender {
    private static final int PREFETCH = 1_000;
    /** Room for every held delivery at 5,000 jobs/s: a hold must never keep a due one at the broker. */
    private static final int HOLD_PREFETCH = 25_000;

    private static final int CLOSE_TIMEOUT_MS = 10_000;

    private final RawVariant variant;
    private final SchedulerConfig base;
    private final RawTopology topology;
    private final Probe probe;
    private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();
    private final Object publishing = new Object();
    private ScheduledExecutorService holdTimer;
    private Connection connection;
    private Channel publisher;
    private long acked;

    public RawContender(RawVariant variant, SchedulerConfig base, Probe probe) {
        this.variant = variant;
        this.base = base;
        this.topology = RawTopology.of(variant, base);
        this.probe = probe;
    }

    /** Refuses delays the one level of rungs of d and e cannot carry (digit 15 of level 3 is 61.4 s). */
    public static void requireCarried(DelayRange delays) {
        long most = (RawTopology.OwnRungs.RUNGS + 1) * RawTopology.WINDOW_MS + RawTopology.LEAD_MS - 1;
        if (delays.max().toMillis() > most) {
            throw new IllegalArgumentException("delays " + delays + " s: the raw hop variants carry delays up to "
                    + most / 1000.0 + " s (one level of rungs); expected a shorter --delays");
        }
    }

    /** Enqueues per message of d and e over {@code delays}: the publish, plus a hop for all but the direct ones. */
    public static double enqueuesPerMessage(DelayRange delays) {
        double span = delays.max().toMillis() - delays.min().toMillis();
        long direct = RawTopology.WINDOW_MS + RawTopology.LEAD_MS - delays.min().toMillis();
        return span == 0 ? (direct > 0 ? 1 : 2) : 2 - Math.min(span, Math.max(0, direct)) / span;
    }

    /** The ladder e2 runs through (the configured one). */
    public LadderSpec ladder() {
        return base.ladder();
    }

    @Override
    public String name() {
        return variant.letter();
    }

    @Override
    public String settings() {
        return variant.description() + "; prefetch " + (variant.hold() ? HOLD_PREFETCH : PREFETCH);
    }

    @Override
    public void start() throws Exception {
        connection = BrokerConnections.open(base.broker(), "jobladder-bench-raw-" + variant.letter());
        try (Channel admin = connection.createChannel()) {
            topology.declare(admin);
        }
        holdTimer = Executors.newSingleThreadScheduledExecutor();
        Channel consumer = connection.createChannel();
        consumer.basicQos(variant.hold() ? HOLD_PREFETCH : PREFETCH);
        consumer.basicConsume(topology.consumerQueue(), false, new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                arrived(getChannel(), envelope.getDeliveryTag(), (Long)
                        props.getHeaders().get("expect"));
            }
        });
        publisher = connection.createChannel();
        publisher.confirmSelect();
        publisher.addConfirmListener(
                (tag, multiple) -> settle(tag, multiple, null),
                (tag, multiple) -> settle(tag, multiple, new IOException("the broker nacked message " + tag)));
    }

    private void arrived(Channel channel, long tag, long expectMillis) throws IOException {
        if (!variant.hold()) {
            ack(channel, tag, expectMillis);
            return;
        }
        long wait = expectMillis - System.currentTimeMillis();
        try {
            holdTimer.schedule(
                    () -> {
                        try {
                            ack(channel, tag, expectMillis);
                        } catch (IOException e) {
                            System.err.println("raw " + variant.letter() + ": cannot ack a held delivery: " + e);
                        }
                    },
                    Math.max(0, wait),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // The run is over: its queues are being deleted with whatever they still hold.
        }
    }

    /** Consumer thread, or the hold timer's single thread for e: never both. */
    private void ack(Channel channel, long tag, long expectMillis) throws IOException {
        probe.ran(expectMillis);
        if (!variant.ackMultiple()) {
            channel.basicAck(tag, false);
        } else if (++acked % RawVariant.ACK_BATCH == 0) {
            channel.basicAck(tag, true);
        }
    }

    private void settle(long tag, boolean multiple, Exception failure) {
        var settled = multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
        settled.values().forEach(f -> {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(failure);
            }
        });
        settled.clear();
    }

    @Override
    public CompletableFuture<?> submit(String id, byte[] payload, Instant dueAt) throws IOException {
        long now = System.currentTimeMillis();
        RawTopology.Target target = topology.target(now, dueAt.toEpochMilli());
        long expect = variant.hold() ? Math.max(now, dueAt.toEpochMilli()) : target.arrivesMillis();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .messageId(id)
                .headers(Map.of("expect", expect))
                .build();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        synchronized (publishing) {
            unconfirmed.put(publisher.getNextPublishSeqNo(), confirmed);
            publisher.basicPublish(target.exchange(), target.routingKey(), props, payload);
        }
        return confirmed;
    }

    @Override
    public void close() {
        if (holdTimer != null) {
            holdTimer.shutdownNow();
        }
        if (connection == null) {
            return;
        }
        try (Channel admin = connection.createChannel()) {
            topology.delete(admin);
        } catch (Exception e) {
            System.err.println("raw " + variant.letter() + ": could not delete its queues: " + e);
        }
        try {
            connection.close(CLOSE_TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            System.err.println("raw " + variant.letter() + ": closing its connection: " + e);
        }
    }
}
