package com.jobladder.amqp;

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
 */
final class ConfirmChannel {
    private final Connection connection;
    private final ConcurrentNavigableMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();
    /** Returns carry no sequence number, only the message: correlate on the job id. */
    private final Map<String, Pending> awaitingReturn = new ConcurrentHashMap<>();
    private Channel channel;

    record Pending(String jobId, CompletableFuture<Void> future) {
    }

    ConfirmChannel(Connection connection) {
        this.connection = connection;
    }

    synchronized void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
                              Pending pending) throws IOException {
        Channel open = openChannel();
        long sequence = open.getNextPublishSeqNo();
        unconfirmed.put(sequence, pending);
        awaitingReturn.put(pending.jobId(), pending);
        pending.future().whenComplete((ignored, error) -> {
            unconfirmed.remove(sequence, pending);
            awaitingReturn.remove(pending.jobId(), pending);
        });
        try {
            open.basicPublish(exchange, routingKey, true, properties, body);
        } catch (IOException | RuntimeException e) {
            pending.future().completeExceptionally(new ScheduleFailedException(pending.jobId(),
                    "publish to the broker failed: " + e.getMessage(), e));
        }
    }

    synchronized void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | java.util.concurrent.TimeoutException | ShutdownSignalException e) {
                // The connection is going away with it; nothing is left to release.
            }
        }
        failAll("the publisher was closed before the broker confirmed");
    }

    /** A channel closed by a channel error (not recovered automatically) is replaced. */
    private Channel openChannel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Channel fresh = connection.createChannel();
            fresh.confirmSelect();
            fresh.addConfirmListener(this::acked, this::nacked);
            fresh.addReturnListener(returned -> {
                Pending pending = awaitingReturn.get(returned.getProperties().getMessageId());
                if (pending != null) {
                    pending.future().completeExceptionally(new ScheduleFailedException(pending.jobId(),
                            "the broker returned it as unroutable (" + returned.getReplyCode() + " "
                                    + returned.getReplyText() + ") from exchange " + returned.getExchange()
                                    + " with routing key " + returned.getRoutingKey()
                                    + "; is the topology declared in this vhost and namespace?"));
                }
            });
            fresh.addShutdownListener(cause -> failAll(describe(cause)));
            channel = fresh;
        }
        return channel;
    }

    private void acked(long sequence, boolean multiple) {
        settle(sequence, multiple, null);
    }

    private void nacked(long sequence, boolean multiple) {
        settle(sequence, multiple, "the broker nacked it (a ladder queue is full, x-overflow=reject-publish,"
                + " or the queue is unavailable)");
    }

    private void settle(long sequence, boolean multiple, String nackReason) {
        Map<Long, Pending> settled = multiple ? unconfirmed.headMap(sequence, true)
                : single(sequence);
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
