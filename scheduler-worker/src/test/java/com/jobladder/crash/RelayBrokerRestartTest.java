package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts a private RabbitMQ node while 3,000 delayed messages wait in the relay's intake queue
 * and the ladder: after the restart every one reaches the target queue, duplicates counted.
 */
@Tag("crash")
class RelayBrokerRestartTest {
    private static final int MESSAGES = 3_000;
    private static final int MAX_DELAY_MS = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void everyDelayedMessageReachesItsTargetWhenTheBrokerRestartsMidFlight() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start()) {
            String namespace = TestBroker.uniqueNamespace("relay-restart");
            String delayed = namespace + ".delayed";
            String target = namespace + ".orders";
            String queue = namespace + ".orders-q";
            SchedulerConfig local = TestBroker.config(namespace, dataDir, """
                    jobladder.ladder.queue-type = quorum
                    jobladder.relay { enabled = true, exchanges = [{ name = "%s", target = "%s" }] }
                    """.formatted(delayed, target));
            SchedulerConfig config = local.withBroker(local.broker().withUri(broker.uri()));
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.uri());

            try (Connection connection = factory.newConnection("relay-restart-test")) {
                Channel channel = connection.createChannel();
                channel.exchangeDeclare(target, BuiltinExchangeType.DIRECT, true);
                channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
                channel.queueBind(queue, target, "order");
            }
            Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
            try (WorkerDaemon worker = TestWorkers.start(config, Map.of())) {
                try (Connection connection = factory.newConnection("relay-restart-producer")) {
                    DelayedMessages.publishConfirmed(
                            connection,
                            delayed,
                            "order",
                            MESSAGES,
                            i -> ThreadLocalRandom.current().nextInt(MAX_DELAY_MS + 1));
                }
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> drain(factory, queue, received) > MESSAGES / 10,
                        () -> received.size() + " relayed before the restart; queues:\n" + broker.describeQueues());
                int beforeRestart = received.size();

                broker.restart();

                Poll.until(
                        Duration.ofSeconds(120),
                        () -> drain(factory, queue, received) == MESSAGES,
                        () -> received.size() + " of " + MESSAGES + " relayed; queues:\n" + broker.describeQueues());
                for (int i = 0; i < MESSAGES; i++) {
                    assertThat(received).as("m-%d reached the target", i).containsKey("m-" + i);
                }
                long duplicates = received.values().stream()
                        .mapToInt(count -> count.get() - 1)
                        .sum();
                // At least once: a message the relay published to the target but had not acked in the ladder when
                // the node went down is relayed again after the restart: counted, not asserted.
                System.out.printf(
                        "relay broker restart: %d of %d messages had reached the target before the restart; all"
                                + " arrived after it, %d duplicates (published to the target, not yet acked)%n",
                        beforeRestart, MESSAGES, duplicates);
            }
        }
    }

    /**
     * Takes what the target queue holds into {@code received} and returns how many distinct messages
     * arrived so far; 0 while the node does not answer (it is restarting).
     */
    private static int drain(ConnectionFactory factory, String queue, Map<String, AtomicInteger> received) {
        try (Connection connection = factory.newConnection("relay-restart-drain")) {
            Channel channel = connection.createChannel();
            GetResponse message;
            while ((message = channel.basicGet(queue, true)) != null) {
                received.computeIfAbsent(
                                new String(message.getBody(), StandardCharsets.UTF_8), id -> new AtomicInteger())
                        .incrementAndGet();
            }
            return received.size();
        } catch (Exception brokerNotBack) {
            return 0;
        }
    }
}
