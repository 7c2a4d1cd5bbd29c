package com.jobladder.internal.topology;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares the ladder, the delivery exchange with its safety nets, and worker queues; the same
 * {@link Topology} is what {@code scheduler topology} exports. Every declaration is idempotent:
 * declaring twice with the same spec is a no-op on the broker.
 */
public final class TopologyDeclarer {
    /** Deliveries after which a crashing job goes to the dead-job queue (quorum queues only). */
    public static final int WORKER_QUEUE_DELIVERY_LIMIT = 10;

    private static final int LEADER_TOKEN_DELIVERY_LIMIT = 1_000_000;

    private final TopologyNames names;

    public TopologyDeclarer(TopologyNames names) {
        this.names = names;
    }

    public TopologyNames names() {
        return names;
    }

    /** The delivery exchange, the unrouted and dead-job queues, and the whole ladder. */
    public void declareAll(Channel channel) throws IOException {
        delivery().plus(ladder()).declareOn(channel);
    }

    public void declareDelivery(Channel channel) throws IOException {
        delivery().declareOn(channel);
    }

    public void declareLadder(Channel channel) throws IOException {
        ladder().declareOn(channel);
    }

    /**
     * The worker queue of a type, bound to the delivery exchange. Declared when a type is first
     * scheduled, so a job that reaches the bottom of the ladder always has somewhere to wait.
     * The delivery exchange and its safety nets come along: a consumer's connection recovers on
     * its own, and may land on a node (or a broker restarted empty) before the connection that
     * declared them; its binding would then fail NOT_FOUND and leave the queue unbound.
     */
    public void declareWorkerQueue(Channel channel, String type) throws IOException {
        delivery().plus(workerQueue(type)).declareOn(channel);
    }

    /** Everything {@link #declareAll} declares, and the worker queues of {@code types}. */
    public Topology all(Iterable<String> types) {
        Topology all = delivery().plus(ladder());
        for (String type : types) {
            all = all.plus(workerQueue(type));
        }
        return all;
    }

    Topology delivery() {
        return new Topology(
                List.of(
                        new Topology.Exchange(names.unroutedExchange(), BuiltinExchangeType.FANOUT, Map.of()),
                        new Topology.Exchange(names.deadExchange(), BuiltinExchangeType.FANOUT, Map.of()),
                        new Topology.Exchange(
                                names.deliveryExchange(),
                                BuiltinExchangeType.TOPIC,
                                Map.of("alternate-exchange", names.unroutedExchange()))),
                List.of(
                        new Topology.Queue(names.unroutedQueue(), queueArguments()),
                        new Topology.Queue(names.deadQueue(), queueArguments())),
                List.of(
                        new Topology.Binding(names.unroutedExchange(), names.unroutedQueue(), false, ""),
                        new Topology.Binding(names.deadExchange(), names.deadQueue(), false, "")));
    }

    Topology ladder() {
        LadderSpec spec = names.ladder();
        List<Topology.Exchange> exchanges = new ArrayList<>();
        List<Topology.Queue> queues = new ArrayList<>();
        List<Topology.Binding> bindings = new ArrayList<>();
        for (int level = 0; level < spec.levels(); level++) {
            // A key that matches nothing below (a message published by hand) lands in the unrouted
            // queue; without it, at-least-once dead-lettering would retry it every few minutes forever.
            exchanges.add(new Topology.Exchange(
                    names.ladderExchange(level),
                    BuiltinExchangeType.TOPIC,
                    Map.of("alternate-exchange", names.unroutedExchange())));
        }
        for (int level = 0; level < spec.levels(); level++) {
            String exchange = names.ladderExchange(level);
            String next = level == 0 ? names.deliveryExchange() : names.ladderExchange(level - 1);
            // Each level's exchange routes a key straight to the rung of its highest non-zero digit at
            // or below the level, or to the delivery exchange when those digits are all zero: one topic
            // match per enqueue. A chain of exchange-to-exchange bindings for zero digits cost the
            // broker a topic match per zero digit, in the dead-letterer, for every hop
            // (docs/performance.md, "Where the broker's CPU goes").
            bindings.add(new Topology.Binding(exchange, names.deliveryExchange(), true, bindingPattern(level, -1, 0)));
            for (int below = level; below >= 0; below--) {
                for (int digit = 1; digit < spec.radix(); digit++) {
                    bindings.add(new Topology.Binding(
                            exchange, names.ladderQueue(below, digit), false, bindingPattern(level, below, digit)));
                }
            }
            for (int digit = 1; digit < spec.radix(); digit++) {
                Map<String, Object> args = deadLetteringArguments(next);
                args.put("x-message-ttl", spec.ttlMillis(level, digit));
                args.put("x-max-length", spec.maxLength());
                queues.add(new Topology.Queue(names.ladderQueue(level, digit), args));
            }
        }
        return new Topology(exchanges, queues, bindings);
    }

    Topology workerQueue(String type) {
        Map<String, Object> args = deadLetteringArguments(names.deadExchange());
        if (names.ladder().queueType() == QueueType.QUORUM) {
            args.put("x-delivery-limit", WORKER_QUEUE_DELIVERY_LIMIT);
        }
        String queue = names.workerQueue(type);
        return new Topology(
                List.of(),
                List.of(new Topology.Queue(queue, args)),
                List.of(new Topology.Binding(names.deliveryExchange(), queue, false, "#." + type)));
    }

    /**
     * The cron leader election's queue (declared by the cron leader itself). On a quorum ladder it is
     * a quorum queue, replicated like the rungs: a classic queue lives on one node, and while that
     * node is down no daemon can lead. A quorum queue counts every hand-over of the token against its
     * delivery limit (20 by default from RabbitMQ 4.0), so the limit is set far above any number of
     * hand-overs; a daemon publishes a new token on every subscription anyway.
     */
    public Topology.Queue leaderQueue() {
        Map<String, Object> args = queueArguments();
        args.put("x-single-active-consumer", true);
        if (names.ladder().queueType() == QueueType.QUORUM) {
            args.put("x-delivery-limit", LEADER_TOKEN_DELIVERY_LIMIT);
        } else {
            args.put("x-queue-type", "classic");
        }
        return new Topology.Queue(names.leaderQueue(), args);
    }

    private Map<String, Object> queueArguments() {
        Map<String, Object> args = new HashMap<>();
        if (names.ladder().queueType() == QueueType.QUORUM) {
            args.put("x-queue-type", "quorum");
            // Explicit, so that a cluster of five does not replicate every rung five times.
            args.put("x-quorum-initial-group-size", names.ladder().quorumInitialGroupSize());
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

    /**
     * Topic pattern of the exchange of {@code level} that selects {@code digit} in the word of
     * {@code target} with zeros in the words between: any word above {@code level}, {@code 0} for
     * the levels from {@code level} down to just above {@code target}, then the digit. A target of
     * -1 selects keys whose words from {@code level} down to 0 are all zero (digit unused).
     */
    String bindingPattern(int level, int target, int digit) {
        String pattern = "*.".repeat(names.ladder().levels() - 1 - level) + "0.".repeat(level - target);
        return target < 0 ? pattern + "#" : pattern + digit + ".#";
    }
}
