package com.jobladder.internal.amqp;

import com.jobladder.api.ScheduleFailedException;
import com.jobladder.internal.topology.LadderRoute;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.jobladder.internal.topology.TopologyNames;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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

    /** Where an envelope enters: an exchange and the routing key that carries its remaining delay. */
    public record Target(String exchange, String routingKey) {}

    /** Completes on a callback thread: see {@link ConfirmedPublisher#publish}. */
    public CompletableFuture<Void> publish(Envelope envelope) {
        return send(envelope, false);
    }

    /** Completes on the connection's thread, for a caller that waits: {@link ConfirmedPublisher#publishToAwait}. */
    public CompletableFuture<Void> publishToAwait(Envelope envelope) {
        return send(envelope, true);
    }

    /**
     * As {@link #publishToAwait(Envelope)}, to a target the caller computed, for a type whose worker
     * queue the caller has declared ({@link #ensureWorkerQueue}).
     */
    public CompletableFuture<Void> publishToAwait(Envelope envelope, Target target) {
        return publisher.publishToAwait(
                envelope.jobId(),
                target.exchange(),
                target.routingKey(),
                EnvelopeCodec.properties(envelope),
                envelope.payload());
    }

    private CompletableFuture<Void> send(Envelope envelope, boolean awaited) {
        try {
            ensureWorkerQueue(envelope.type());
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new ScheduleFailedException(envelope.jobId(), undeclared(envelope.type(), e), e));
        }
        Target target = target(envelope);
        if (awaited) {
            return publishToAwait(envelope, target);
        }
        return publisher.publish(
                envelope.jobId(),
                target.exchange(),
                target.routingKey(),
                EnvelopeCodec.properties(envelope),
                envelope.payload());
    }

    /** Why a job of {@code type} was not sent when its worker queue could not be declared. */
    static String undeclared(String type, Exception e) {
        return "cannot declare the worker queue of type " + type + ": " + e.getMessage();
    }

    /** The ladder exchange of the delay's most significant non-zero digit, or the delivery exchange when due. */
    public Target target(Envelope envelope) {
        TopologyNames names = declarer.names();
        Duration delay = Duration.between(clock.instant(), envelope.dueAt());
        LadderRoute route = LadderRoute.of(names.ladder(), delay, envelope.type());
        int level = route.topLevel();
        return new Target(level < 0 ? names.deliveryExchange() : ladderExchanges[level], route.routingKey());
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
