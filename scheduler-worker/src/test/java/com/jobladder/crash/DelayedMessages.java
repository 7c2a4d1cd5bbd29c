package com.jobladder.crash;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntToLongFunction;

/** What a plugin user's producer does: persistent messages with {@code x-delay}, bodies {@code m-<i>}. */
final class DelayedMessages {
    private DelayedMessages() {}

    /** Publishes {@code count} messages to {@code exchange} and waits for the broker's confirm of every one. */
    static void publishConfirmed(
            Connection connection, String exchange, String routingKey, int count, IntToLongFunction delayMillis)
            throws Exception {
        Channel producer = connection.createChannel();
        try {
            producer.confirmSelect();
            for (int i = 0; i < count; i++) {
                producer.basicPublish(
                        exchange,
                        routingKey,
                        new AMQP.BasicProperties.Builder()
                                .deliveryMode(2)
                                .headers(Map.of("x-delay", delayMillis.applyAsLong(i)))
                                .build(),
                        body(i));
            }
            producer.waitForConfirmsOrDie(60_000);
        } finally {
            producer.close();
        }
    }

    static byte[] body(int i) {
        return ("m-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
