package com.jobladder.internal.amqp;

import com.jobladder.api.ScheduleFailedException;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One channel in confirm mode and the publishes it has not yet had confirmed. Publishes on one
 * channel are serialised; confirms, returns and shutdown complete the futures from the
 * connection's thread.
 *
 * <p>A publish that throws leaves the channel's sequence numbers unusable: amqp-client counts
 * the publish (ChannelN.basicPublish increments nextPublishSeqNo before it serialises and writes
 * the frames) while the broker never saw it, so every later confirm would settle the job after
 * the one it belongs to. Such a channel is closed, its pending jobs are failed as "outcome
 * unknown", and the next publish opens a fresh one. Each channel keeps its own pending jobs, so
 * a late shutdown of a replaced channel never fails the jobs of its successor.
 */
final class ConfirmChannel {
    private final Connection connection;
    private Generation current;

    record Pending(String jobId, CompletableFuture<Void> future) {}

    ConfirmChannel(Connection connection) {
        this.connection = connection;
    }

    synchronized void publish(
            String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body, Pending pending)
            throws IOException {
        Generation generation = openGeneration();
        long sequence = generation.channel.getNextPublishSeqNo();
        generation.track(sequence, pending);
        try {
            generation.channel.basicPublish(exchange, routingKey, true, properties, body);
        } catch (IOException | RuntimeException e) {
            pending.future()
                    .completeExceptionally(new ScheduleFailedException(
                            pending.jobId(), "publish to the broker failed: " + e.getMessage(), e));
            current = null;
            generation.discard("an earlier publish on its channel failed (" + e.getMessage() + ")");
        }
    }

    synchronized void close() {
        if (current != null) {
            current.discard("the publisher was closed");
            current = null;
        }
    }

    /** A channel closed by a channel error (not recovered automatically) is replaced. */
    private Generation openGeneration() throws IOException {
        if (current == null || !current.channel.isOpen()) {
            Channel fresh = connection.createChannel();
            fresh.confirmSelect();
            current = new Generation(fresh);
        }
        return current;
    }

    /** A channel and the publishes it carries: a replaced channel settles only its own. */
    private static final class Generation {
        private final Channel channel;
        private final ConcurrentNavigableMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();
        /** Returns carry no sequence number, only the message: correlate on the job id. */
        private final Map<String, Pending> awaitingReturn = new ConcurrentHashMap<>();

        Generation(Channel channel) {
            this.channel = channel;
            channel.addConfirmListener(this::acked, this::nacked);
            channel.addReturnListener(returned -> {
                Pending pending = awaitingReturn.get(returned.getProperties().getMessageId());
                if (pending != null) {
                    pending.future()
                            .completeExceptionally(new ScheduleFailedException(
                                    pending.jobId(),
                                    "the broker returned it as unroutable (" + returned.getReplyCode() + " "
                                            + returned.getReplyText() + ") from exchange " + returned.getExchange()
                                            + " with routing key " + returned.getRoutingKey()
                                            + "; is the topology declared in this vhost and namespace?"));
                }
            });
            channel.addShutdownListener(cause -> failAll(describe(cause)));
        }

        void track(long sequence, Pending pending) {
            unconfirmed.put(sequence, pending);
            awaitingReturn.put(pending.jobId(), pending);
            pending.future().whenComplete((ignored, error) -> {
                unconfirmed.remove(sequence, pending);
                awaitingReturn.remove(pending.jobId(), pending);
            });
        }

        /** Closes the channel and fails what it carried: the broker may or may not have taken it. */
        void discard(String why) {
            failAll(why + " before the broker confirmed, so the outcome is unknown; scheduling again with the same"
                    + " job id is safe");
            BrokerSession.closeQuietly(channel);
        }

        private void acked(long sequence, boolean multiple) {
            settle(sequence, multiple, null);
        }

        private void nacked(long sequence, boolean multiple) {
            settle(
                    sequence,
                    multiple,
                    "the broker nacked it (a ladder queue is full, x-overflow=reject-publish,"
                            + " or the queue is unavailable)");
        }

        private void settle(long sequence, boolean multiple, String nackReason) {
            Map<Long, Pending> settled = multiple ? unconfirmed.headMap(sequence, true) : single(sequence);
            for (Pending pending : settled.values()) {
                if (nackReason == null) {
                    pending.future().complete(null);
                } else {
                    pending.future().completeExceptionally(new ScheduleFailedException(pending.jobId(), nackReason));
                }
            }
        }

        private Map<Long, Pending> single(long sequence) {
            Pending pending = unconfirmed.get(sequence);
            return pending == null ? Map.of() : Map.of(sequence, pending);
        }

        private void failAll(String reason) {
            for (Pending pending : unconfirmed.values()) {
                pending.future().completeExceptionally(new ScheduleFailedException(pending.jobId(), reason));
            }
        }

        private static String describe(ShutdownSignalException cause) {
            return "the channel closed before the broker confirmed, so the outcome is unknown; scheduling again with"
                    + " the same job id is safe (" + cause.getMessage() + ")";
        }
    }
}
