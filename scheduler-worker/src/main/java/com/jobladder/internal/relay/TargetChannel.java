package com.jobladder.internal.relay;

import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.engine.PermanentJobFailure;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One confirm-mode channel that publishes one delayed exchange's messages to their target, in the
 * order they are handed to it, mandatory, with many awaiting their confirm at once. Each publish
 * returns a future that completes once the broker confirmed the message routed; it fails with
 * {@link PermanentJobFailure} when the message can never be delivered (returned unroutable, no
 * such exchange, access refused), and with an {@link IOException} when it may be later (nacked,
 * no confirm in time, channel lost). Futures complete on {@code callbacks}, never on the
 * connection's thread.
 *
 * <p>A return carries no sequence number, and a relayed message keeps its producer's properties,
 * so nothing of ours marks it. The broker handles a channel's publishes in order and sends a
 * message's return before its confirm: a return belongs to the oldest unconfirmed, unreturned
 * message with the same exchange, routing key, properties and body. Two such messages are
 * interchangeable, so which of them is marked returned changes nothing that can be observed.
 */
final class TargetChannel implements AutoCloseable {
    private final Connection connection;
    private final Duration confirmTimeout;
    private final Executor callbacks;
    private Generation current;

    TargetChannel(Connection connection, Duration confirmTimeout, Executor callbacks) {
        this.connection = connection;
        this.confirmTimeout = confirmTimeout;
        this.callbacks = callbacks;
    }

    synchronized CompletableFuture<Void> publish(
            String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        Generation generation;
        try {
            generation = open();
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new IOException("cannot open a channel to the broker: " + e.getMessage(), e));
        }
        long sequence = generation.channel.getNextPublishSeqNo();
        Pending pending = new Pending(exchange, routingKey, properties, body, confirmed);
        generation.unconfirmed.put(sequence, pending);
        try {
            generation.channel.basicPublish(exchange, routingKey, true, properties, body);
        } catch (IOException | RuntimeException e) {
            // amqp-client counted the publish before it failed: the channel's sequence is off, use another.
            current = null;
            generation.failAll(new IOException("publish to the broker failed (" + e.getMessage()
                    + "); the outcome is unknown, so the message is retried"));
            BrokerSession.closeQuietly(generation.channel);
        }
        CompletableFuture<Void> onCallbacks = new CompletableFuture<>();
        confirmed.orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ignored, failure) -> {
            generation.unconfirmed.remove(sequence, pending);
            Runnable complete = () -> {
                if (failure == null) {
                    onCallbacks.complete(null);
                } else {
                    onCallbacks.completeExceptionally(timedOut(failure));
                }
            };
            try {
                callbacks.execute(complete);
            } catch (RejectedExecutionException stopping) {
                complete.run();
            }
        });
        return onCallbacks;
    }

    private Throwable timedOut(Throwable failure) {
        if (failure instanceof java.util.concurrent.TimeoutException) {
            return new IOException("no confirm from the broker within " + confirmTimeout.toMillis()
                    + " ms (jobladder.broker.confirm-timeout); the outcome is unknown, so the message is retried");
        }
        return failure;
    }

    /** A channel closed by the broker (an unknown exchange closes it) is replaced. */
    private Generation open() throws IOException {
        if (current == null || !current.channel.isOpen()) {
            if (current != null) {
                // Replaced, even if the connection would recover it: aborted, it is not recovered behind our back.
                try {
                    current.channel.abort();
                } catch (IOException | RuntimeException e) {
                    // Already gone with its connection: nothing left to release.
                }
            }
            Channel fresh = connection.createChannel();
            fresh.confirmSelect();
            current = new Generation(fresh);
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            BrokerSession.closeQuietly(current.channel);
            current = null;
        }
    }

    private record Pending(
            String exchange,
            String routingKey,
            AMQP.BasicProperties properties,
            byte[] body,
            CompletableFuture<Void> confirmed) {
        boolean matches(Return returned, boolean byProperties) {
            return exchange.equals(returned.getExchange())
                    && routingKey.equals(returned.getRoutingKey())
                    && Arrays.equals(body, returned.getBody())
                    && (!byProperties || RelayedMessage.sameProperties(properties, returned.getProperties()));
        }
    }

    /** A channel and the publishes it carries: a replaced channel settles only its own. */
    private static final class Generation {
        private final Channel channel;
        private final ConcurrentNavigableMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();
        /** Sequence numbers of messages returned, awaiting their confirm; touched on the connection's thread. */
        private final Map<Long, String> returned = new ConcurrentSkipListMap<>();

        Generation(Channel channel) {
            this.channel = channel;
            channel.addReturnListener(this::returned);
            channel.addConfirmListener(
                    (sequence, multiple) -> settle(sequence, multiple, true),
                    (sequence, multiple) -> settle(sequence, multiple, false));
            channel.addShutdownListener(this::closed);
        }

        /** Properties first; should their encoding differ in the order of a table, by exchange, key and body. */
        private void returned(Return message) {
            if (!markReturned(message, true)) {
                markReturned(message, false);
            }
        }

        private boolean markReturned(Return message, boolean byProperties) {
            for (Map.Entry<Long, Pending> entry : unconfirmed.entrySet()) {
                if (!returned.containsKey(entry.getKey()) && entry.getValue().matches(message, byProperties)) {
                    returned.put(
                            entry.getKey(),
                            "the broker returned it as unroutable (" + message.getReplyCode() + " "
                                    + message.getReplyText() + "): target exchange \"" + message.getExchange()
                                    + "\" has no binding for routing key \"" + message.getRoutingKey() + "\"");
                    return true;
                }
            }
            return false;
        }

        private void settle(long sequence, boolean multiple, boolean acked) {
            Map<Long, Pending> settled = multiple
                    ? unconfirmed.headMap(sequence, true)
                    : (unconfirmed.containsKey(sequence) ? Map.of(sequence, unconfirmed.get(sequence)) : Map.of());
            for (Map.Entry<Long, Pending> entry : settled.entrySet()) {
                String returnReason = returned.remove(entry.getKey());
                CompletableFuture<Void> confirmed = entry.getValue().confirmed();
                if (returnReason != null) {
                    confirmed.completeExceptionally(new PermanentJobFailure(returnReason));
                } else if (acked) {
                    confirmed.complete(null);
                } else {
                    confirmed.completeExceptionally(new IOException("the broker nacked it (target exchange \""
                            + entry.getValue().exchange()
                            + "\"; a queue it routes to may be full or unavailable); retried with back-off"));
                }
            }
        }

        private void closed(ShutdownSignalException signal) {
            returned.clear();
            if (signal.getReason() instanceof AMQP.Channel.Close close
                    && (close.getReplyCode() == AMQP.NOT_FOUND || close.getReplyCode() == AMQP.ACCESS_REFUSED)) {
                // The broker names the exchange it refused ("no exchange 'orders' in vhost '/'"): no message to it
                // can be delivered. The others on the channel lost their confirm with it: their outcome is unknown.
                for (Pending pending : unconfirmed.values()) {
                    if (close.getReplyText().contains("'" + pending.exchange() + "'")) {
                        pending.confirmed()
                                .completeExceptionally(new PermanentJobFailure("the broker refused the publish to"
                                        + " target exchange \"" + pending.exchange() + "\" (" + close.getReplyCode()
                                        + " " + close.getReplyText() + ")"));
                    }
                }
            }
            failAll(new IOException("the channel closed before the broker confirmed (" + signal.getMessage()
                    + "); the outcome is unknown, so the message is retried"));
        }

        void failAll(IOException failure) {
            for (Pending pending : unconfirmed.values()) {
                pending.confirmed().completeExceptionally(failure);
            }
        }
    }
}
