package com.jobladder.internal.amqp;

import com.jobladder.api.ScheduleFailedException;
import com.jobladder.internal.topology.LadderRoute;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.jobladder.internal.topology.TopologyNames;
import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Puts an envelope into the ladder at the rung its remaining delay needs, or straight into the
 * delivery exchange when it is due. The first job of a type also declares that type's worker
 * queue, so a job that leaves the ladder always has a queue to wait in; the session declares it
 * again after every recovery of its connection.
 */
public final class JobPublisher {
    private final DeclaringChannel declaring;
    private final ConfirmedPublisher publisher;
    private final TopologyDeclarer declarer;
    private final Clock clock;
    /** By level: names carry the ladder's fingerprint, a hash too costly to compute for every publish. */
    private final String[] ladderExchanges;

    JobPublisher(DeclaringChannel declaring, ConfirmedPublisher publisher, TopologyDeclarer declarer, Clock clock) {
        this.declaring = declaring;
        this.publisher = publisher;
        this.declarer = declarer;
        this.clock = clock;
        TopologyNames names = declarer.names();
        this.ladderExchanges = new String[names.ladder().levels()];
        for (int level = 0; level < ladderExchanges.length; level++) {
            ladderExchanges[level] = names.ladderExchange(level);
        }
    }

    /**
     * Where an envelope enters: an exchange, the routing key that carries its remaining delay, and its
     * properties (with the ladder's tick, a per-message TTL that expires it on the tick's grid).
     */
    public record Target(String exchange, String routingKey, AMQP.BasicProperties properties) {}

    /** Completes on a callback thread: see {@link ConfirmedPublisher#publish}. */
    public CompletableFuture<Void> publish(Envelope envelope) {
        return send(envelope, false);
    }

    /** Completes on the connection's thread, for a caller that waits: {@link ConfirmedPublisher#publishToAwait}. */
    public CompletableFuture<Void> publishToAwait(Envelope envelope) {
        return send(envelope, true);
    }

    private CompletableFuture<Void> send(Envelope envelope, boolean awaited) {
        try {
            ensureWorkerQueue(envelope.type());
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new ScheduleFailedException(
                    envelope.jobId(),
                    "cannot declare the worker queue of type " + envelope.type() + ": " + e.getMessage(),
                    e));
        }
        Target target = target(envelope);
        return awaited
                ? publisher.publishToAwait(
                        envelope.jobId(),
                        target.exchange(),
                        target.routingKey(),
                        target.properties(),
                        envelope.payload())
                : publisher.publish(
                        envelope.jobId(),
                        target.exchange(),
                        target.routingKey(),
                        target.properties(),
                        envelope.payload());
    }

    /** The ladder exchange of the delay's most significant non-zero digit, or the delivery exchange when due. */
    public Target target(Envelope envelope) {
        TopologyNames names = declarer.names();
        Instant now = clock.instant();
        LadderRoute route = LadderRoute.of(names.ladder(), Duration.between(now, envelope.dueAt()), envelope.type());
        AMQP.BasicProperties properties = EnvelopeCodec.properties(envelope);
        int level = route.topLevel();
        if (level < 0) {
            return new Target(names.deliveryExchange(), route.routingKey(), properties);
        }
        long ticked = names.ladder()
                .tickedExpirationMillis(now.toEpochMilli(), names.ladder().ttlMillis(level, route.digits()[level]));
        if (ticked > 0) {
            properties = properties.builder().expiration(Long.toString(ticked)).build();
        }
        return new Target(ladderExchanges[level], route.routingKey(), properties);
    }

    /** Exchanges and queues every publish relies on. */
    public TopologyNames names() {
        return declarer.names();
    }

    /**
     * Declares the worker queue of {@code type} once per session (and again after every recovery), so
     * jobs leaving the ladder have a queue.
     */
    public void ensureWorkerQueue(String type) throws IOException {
        declaring.declareWorkerQueue(type);
    }
}
