package com.jobladder.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.internal.relay.RelayedMessagesOnTheBroker.Received;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python producer written from docs/migrating-from-delayed-message-plugin.md (pika, from
 * Debian's python3-pika: {@code bin/ensure-services pika}) delays 1,000 messages through the
 * relay: every one arrives once, at its time, byte for byte.
 */
@Tag("integration")
class PikaProducerTest {
    private static final int MESSAGES = 1_000;
    /** Debian's python3, where python3-pika installs. */
    private static final String PYTHON = "/usr/bin/python3";
    /** The machine these tests run on is loaded: a message may arrive this late without a defect. */
    private static final long LATE_AT_MOST_MS = 2_000;

    @TempDir
    Path dir;

    @Test
    void aThousandMessagesFromPikaArriveOnceAtTheirTimeByteForByte() throws Exception {
        String namespace = TestBroker.uniqueNamespace("relay-pika");
        String delayed = namespace + ".delayed";
        String target = namespace + ".events";
        String queue = namespace + ".events-q";
        SchedulerConfig config = TestBroker.config(
                namespace,
                dir.resolve("data"),
                "jobladder.relay { enabled = true, exchanges = [{ name = \"" + delayed + "\", target = \"" + target
                        + "\" }] }\n");
        Path script = dir.resolve("pika_producer.py");
        try (InputStream in = getClass().getResourceAsStream("/relay/pika_producer.py")) {
            Files.copy(in, script);
        }
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of());
                Connection connection = TestBroker.connect()) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(target, BuiltinExchangeType.TOPIC, false);
            channel.queueDeclare(queue, false, false, false, null);
            channel.queueBind(queue, target, "pika.#");
            BlockingQueue<Received> received = RelayedMessagesOnTheBroker.consume(channel, queue);

            Path output = dir.resolve("producer.out");
            Process producer = new ProcessBuilder(
                            PYTHON,
                            script.toString(),
                            TestBroker.HOST,
                            String.valueOf(TestBroker.PORT),
                            delayed,
                            String.valueOf(MESSAGES))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            assertThat(producer.waitFor(120, TimeUnit.SECONDS))
                    .as("the pika producer finished")
                    .isTrue();
            assertThat(producer.exitValue())
                    .as("the pika producer's exit code; its output:\n%s", Files.readString(output))
                    .isZero();

            Map<Integer, String[]> sent = new HashMap<>();
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ", -1);
                sent.put(Integer.parseInt(fields[0]), fields);
            }
            assertThat(sent).hasSize(MESSAGES);

            List<Received> arrived = RelayedMessagesOnTheBroker.take(received, MESSAGES, Duration.ofSeconds(60));
            Map<Integer, Integer> times = new HashMap<>();
            for (Received message : arrived) {
                int index = Integer.parseInt(message.routingKey().substring("pika.".length()));
                times.merge(index, 1, Integer::sum);
                String[] fields = sent.get(index);
                assertThat(HexFormat.of().formatHex(message.body()))
                        .as("body of message %d", index)
                        .isEqualTo(fields[3]);
                assertThat(message.properties().getMessageId()).isEqualTo("pika-" + index);
                assertThat(message.properties().getContentType()).isEqualTo("application/octet-stream");
                assertThat(((Number) message.properties().getHeaders().get("index")).intValue())
                        .isEqualTo(index);
                long late = message.atMillis() - Long.parseLong(fields[1]) - Long.parseLong(fields[2]);
                assertThat(late)
                        .as("message %d arrived %d ms after its due time", index, late)
                        .isBetween(0L, LATE_AT_MOST_MS);
            }
            assertThat(times)
                    .hasSize(MESSAGES)
                    .allSatisfy((index, count) ->
                            assertThat(count).as("copies of message %d", index).isOne());
            assertThat(received.poll(1, TimeUnit.SECONDS))
                    .as("nothing arrives twice")
                    .isNull();
        }
    }
}
