package com.jobladder.topology;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Declares the ladder, the delivery exchange with its safety nets, and worker queues.
 * Every declaration is idempotent: declaring twice with the same spec is a no-op on the broker.
 */
public final class TopologyDeclarer {
    /** Deliveries after which a crashing job goes to the dead-job queue (quorum queues only). */
    public static final int WORKER_QUEUE_DELIVERY_LIMIT = 10;

    private final TopologyNames names;

    public TopologyDeclarer(TopologyNames names) {
        this.names = names;
    }

    public TopologyNames names() {
        return names;
    }

    /** The delivery exchange, the unrouted and dead-job queues, and the whole ladder. */
    public void declareAll(Channel channel) throws IOException {
        declareDelivery(channel);
        declareLadder(channel);
    }

    public void declareDelivery(Channel channel) throws IOException {
        channel.exchangeDeclare(names.unroutedExchange(), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(names.unroutedQueue(), true, false, false, queueArguments());
        channel.queueBind(names.unroutedQueue(), names.unroutedExchange(), "");

        channel.exchangeDeclare(names.deadExchange(), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(names.deadQueue(), true, false, false, queueArguments());
        channel.queueBind(names.deadQueue(), names.deadExchange(), "");

        channel.exchangeDeclare(names.deliveryExchange(), BuiltinExchangeType.TOPIC, true, false,
                Map.of("alternate-exchange", names.unroutedExchange()));
    }

    public void declareLadder(Channel channel) throws IOException {
        LadderSpec spec = names.ladder();
        for (int level = 0; level < spec.levels(); level++) {
            // A key that matches nothing below (a message published by hand) lands in the unrouted
            // queue; without it, at-least-once dead-lettering would retry it every few minutes forever.
            channel.exchangeDeclare(names.ladderExchange(level), BuiltinExchangeType.TOPIC, true, false,
                    Map.of("alternate-exchange", names.unroutedExchange()));
        }
        for (int level = 0; level < spec.levels(); level++) {
            String exchange = names.ladderExchange(level);
            String next = level == 0 ? names.deliveryExchange() : names.ladderExchange(level - 1);
            channel.exchangeBind(next, exchange, bindingPattern(level, 0));
            for (int digit = 1; digit < spec.radix(); digit++) {
                String queue = names.ladderQueue(level, digit);
                Map<String, Object> args = deadLetteringArguments(next);
                args.put("x-message-ttl", spec.ttlMillis(level, digit));
                args.put("x-max-length", spec.maxLength());
                channel.queueDeclare(queue, true, false, false, args);
                channel.queueBind(queue, exchange, bindingPattern(level, digit));
            }
        }
    }

    /**
     * The worker queue of a type, bound to the delivery exchange. Declared when a type is first
     * scheduled, so a job that reaches the bottom of the ladder always has somewhere to wait.
     */
    public void declareWorkerQueue(Channel channel, String type) throws IOException {
        Map<String, Object> args = deadLetteringArguments(names.deadExchange());
        if (names.ladder().queueType() == QueueType.QUORUM) {
            args.put("x-delivery-limit", WORKER_QUEUE_DELIVERY_LIMIT);
        }
        String queue = names.workerQueue(type);
        channel.queueDeclare(queue, true, false, false, args);
        channel.queueBind(queue, names.deliveryExchange(), "#." + type);
    }

    private Map<String, Object> queueArguments() {
        Map<String, Object> args = new HashMap<>();
        if (names.ladder().queueType() == QueueType.QUORUM) {
            args.put("x-queue-type", "quorum");
        }
        return args;
    }

    /**
     * Arguments of a queue that dead-letters into {@code exchange}. On quorum queues the
     * strategy is at-least-once, which needs reject-publish: with drop-head the broker falls
     * back to at-most-once without a word. reject-publish is set on classic queues too, so a full
     * rung refuses a publish instead of dropping its oldest job.
     */
    private Map<String, Object> deadLetteringArguments(String exchange) {
        Map<String, Object> args = queueArguments();
        args.put("x-dead-letter-exchange", exchange);
        args.put("x-overflow", "reject-publish");
        if (names.ladder().queueType() == QueueType.QUORUM) {
            args.put("x-dead-letter-strategy", "at-least-once");
        }
        return args;
    }

    /**
     * Deletes everything this declarer declares in its namespace, for the given worker types:
     * for benchmarks and for operators retiring a namespace. Jobs still inside are lost.
     */
    public void deleteAll(Channel channel, Iterable<String> types) throws IOException {
        for (String type : types) {
            channel.queueDelete(names.workerQueue(type));
        }
        LadderSpec spec = names.ladder();
        for (int level = 0; level < spec.levels(); level++) {
            for (int digit = 1; digit < spec.radix(); digit++) {
                channel.queueDelete(names.ladderQueue(level, digit));
            }
            channel.exchangeDelete(names.ladderExchange(level));
        }
        channel.exchangeDelete(names.deliveryExchange());
        channel.queueDelete(names.unroutedQueue());
        channel.exchangeDelete(names.unroutedExchange());
        channel.queueDelete(names.deadQueue());
        channel.exchangeDelete(names.deadExchange());
    }

    /** Topic pattern that selects {@code digit} in the word of {@code level}. */
    String bindingPattern(int level, int digit) {
        return "*.".repeat(names.ladder().levels() - 1 - level) + digit + ".#";
    }
}
