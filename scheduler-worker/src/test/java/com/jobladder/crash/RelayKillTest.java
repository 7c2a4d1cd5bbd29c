package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a worker relaying delayed messages: a second worker relays the rest; every message
 * reaches the target, duplicates counted.
 */
@Tag("crash")
class RelayKillTest {
    private static final int MESSAGES = 2_000;

    @TempDir
    Path dir;

    @Test
    void aSecondWorkerRelaysWhatAKilledOneLeftAndNoMessageIsLost() throws Exception {
        String namespace = TestBroker.uniqueNamespace("relay-kill");
        String delayed = namespace + ".delayed";
        String target = namespace + ".orders";
        String queue = namespace + ".orders-q";
        Path conf = Files.writeString(dir.resolve("scheduler.conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s", confirm-timeout = 30s }
                  ladder { radix = 8, levels = 6, queue-type = classic }
                  relay { enabled = true, exchanges = [{ name = "%s", target = "%s" }] }
                }
                """.formatted(
                        dir.resolve("data"), TestBroker.uri(), namespace, delayed, target));

        try (Connection connection = TestBroker.connect()) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(target, BuiltinExchangeType.DIRECT, false);
            channel.queueDeclare(queue, false, false, false, null);
            channel.queueBind(queue, target, "order");
            Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
            channel.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> received.computeIfAbsent(
                                    new String(delivery.getBody(), StandardCharsets.UTF_8), id -> new AtomicInteger())
                            .incrementAndGet(),
                    tag -> {});

            WorkerProcess first = WorkerProcess.start(conf, dir.resolve("worker-1.log"));
            // Its log line comes once the intake queue is bound: a message published earlier would find no queue.
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> first.logTail().contains("delayed exchange " + delayed + " relays to"),
                    () -> "the first worker bound " + delayed + " to its intake; its log ends:\n" + first.logTail());
            DelayedMessages.publishConfirmed(connection, delayed, "order", MESSAGES, i -> i % 4_000);

            Poll.until(
                    Duration.ofSeconds(60),
                    () -> received.size() > MESSAGES / 4,
                    () -> received.size() + " relayed; the first worker's log ends:\n" + first.logTail());
            first.kill();
            int atKill = received.size();

            try (WorkerProcess second = WorkerProcess.start(conf, dir.resolve("worker-2.log"))) {
                Poll.until(
                        Duration.ofSeconds(180),
                        () -> received.size() == MESSAGES,
                        () -> received.size() + " of " + MESSAGES + " relayed; the second worker's log ends:\n"
                                + second.logTail());
            }
            long duplicates = received.values().stream()
                    .mapToInt(count -> count.get() - 1)
                    .sum();
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(received).as("m-%d reached the target", i).containsKey("m-" + i);
            }
            // At least once: a message whose target confirm the killed worker had, but whose ack it had not sent
            // (the audit row commits first), is relayed again by the second worker: counted, not asserted.
            System.out.printf(
                    "relay kill -9: %d of %d messages had reached the target when the first worker died; the second"
                            + " relayed the rest, %d duplicates (published by the first, not yet acked)%n",
                    atKill, MESSAGES, duplicates);
        }
    }
}
