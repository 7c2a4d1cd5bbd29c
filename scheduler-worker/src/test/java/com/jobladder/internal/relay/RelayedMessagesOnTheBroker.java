package com.jobladder.internal.relay;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the relay tests share: a consumer that notes when each message arrived, and properties made comparable. */
final class RelayedMessagesOnTheBroker {
    /** One message as the bound queue received it. */
    record Received(long atMillis, String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    private RelayedMessagesOnTheBroker() {}

    /** Consumes {@code queue} into the returned queue, auto-ack, noting each arrival's wall-clock time. */
    static BlockingQueue<Received> consume(Channel channel, String queue) throws IOException {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        channel.basicConsume(
                queue,
                true,
                (tag, delivery) -> received.add(new Received(
                        System.currentTimeMillis(),
                        delivery.getEnvelope().getRoutingKey(),
                        delivery.getProperties(),
                        delivery.getBody())),
                tag -> {});
        return received;
    }

    static List<Received> take(BlockingQueue<Received> received, int count, Duration within)
            throws InterruptedException {
        List<Received> taken = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (taken.size() < count) {
            Received next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError(
                        "only " + taken.size() + " of " + count + " messages arrived within " + within);
            }
            taken.add(next);
        }
        return taken;
    }

    static GetResponse nothingMore(Channel channel, String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    /** Every property, headers as sorted text with their value types: equal when the wire carried the same. */
    static String comparable(AMQP.BasicProperties properties) {
        return properties.builder().headers(null).build() + " headers="
                + (properties.getHeaders() == null ? "none" : comparable(properties.getHeaders()));
    }

    private static String comparable(Map<String, Object> table) {
        Map<String, String> sorted = new TreeMap<>();
        table.forEach((key, value) -> sorted.put(key, comparableValue(value)));
        return sorted.toString();
    }

    @SuppressWarnings("unchecked")
    private static String comparableValue(Object value) {
        if (value instanceof LongString || value instanceof String) {
            return "text:" + value;
        }
        if (value instanceof byte[] bytes) {
            return "bytes:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            return "table:" + comparable((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return "array:"
                    + list.stream()
                            .map(RelayedMessagesOnTheBroker::comparableValue)
                            .toList();
        }
        return value == null ? "void" : value.getClass().getSimpleName() + ":" + value;
    }
}
