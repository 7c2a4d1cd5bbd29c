package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer that knows only docs/wire-format.md: it computes the routing key by hand and
 * publishes with a plain channel, and a worker runs the job.
 */
@Tag("integration")
class WireFormatTest {
    @TempDir
    Path dataDir;

    @Test
    void aJobPublishedByHandFollowingTheWireFormatDocRunsOnTime() throws Exception {
        // The shape the key below is computed for, pinned: with another one the job would take a
        // wrong route, arrive early, re-enter and still run, and the test could not tell. The worker
        // runs the final approach (window 4,096 ms): a producer that writes the full key still works.
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("wire"),
                dataDir,
                "jobladder.ladder { radix = 16, unit = 1ms, levels = 8, queue-type = classic, window = 4096ms }");
        Map<String, String> payloads = new ConcurrentHashMap<>();
        try (WorkerDaemon worker = TestWorkers.start(
                        config,
                        Map.of(
                                "send-email",
                                job -> payloads.put(
                                        job.jobId(), job.payloadText() + " at " + System.currentTimeMillis())));
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            int levels = 8;
            int radix = 16;
            long delayMs = 1_234;
            long dueAt = System.currentTimeMillis() + delayMs;
            StringJoiner key = new StringJoiner(".");
            int top = -1;
            for (int k = levels - 1; k >= 0; k--) {
                long digit = (delayMs / (long) Math.pow(radix, k)) % radix;
                key.add(Long.toString(digit));
                if (digit != 0 && top < 0) {
                    top = k;
                }
            }
            String routingKey = key + ".send-email";
            assertThat(routingKey).isEqualTo("0.0.0.0.0.4.13.2.send-email");
            String exchange =
                    config.broker().namespace() + ".ladder." + config.ladder().fingerprint() + ".L" + top;
            channel.confirmSelect();
            channel.basicPublish(
                    exchange,
                    routingKey,
                    true,
                    new AMQP.BasicProperties.Builder()
                            .messageId("by-hand-1")
                            .type("send-email")
                            .deliveryMode(2)
                            .contentType("application/json")
                            .headers(Map.of("job-due-at", dueAt))
                            .build(),
                    "{\"to\":\"ada@example.com\"}".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);

            Poll.until(Duration.ofSeconds(10), () -> payloads.containsKey("by-hand-1"), () -> "the job ran");
            String[] ran = payloads.get("by-hand-1").split(" at ");
            assertThat(ran[0]).isEqualTo("{\"to\":\"ada@example.com\"}");
            // Routed right, it arrives once through its two hops: never early, never sent round again,
            // late by a few milliseconds (2 s of room for a busy CI machine).
            assertThat(Long.parseLong(ran[1])).isBetween(dueAt, dueAt + 2_000);
            assertThat(worker.stats().reenteredCount()).isZero();
        }
    }
}
