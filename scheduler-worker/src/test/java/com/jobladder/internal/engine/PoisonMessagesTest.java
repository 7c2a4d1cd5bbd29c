package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobState;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class PoisonMessagesTest {
    @TempDir
    Path dataDir;

    @Test
    void garbagePublishedWithAPlainAmqpChannelEndsInTheDeadJobQueueWithItsReasonAndNeverLoops() throws Exception {
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("poison"), dataDir, "jobladder.worker.max-payload-bytes = 100");
        AtomicInteger handled = new AtomicInteger();
        String queue = config.topologyNames().workerQueue("victim");
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("victim", job -> handled.incrementAndGet()));
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            long due = System.currentTimeMillis();
            publish(
                    channel,
                    queue,
                    new AMQP.BasicProperties.Builder().type("victim").build(),
                    "no id");
            publish(channel, queue, props("bad-due", "victim", Map.of(EnvelopeCodec.DUE_AT, "tomorrow")), "x");
            publish(channel, queue, props("wrong-type", "other", Map.of(EnvelopeCodec.DUE_AT, due)), "x");
            publish(channel, queue, props("too-big", "victim", Map.of(EnvelopeCodec.DUE_AT, due)), "x".repeat(101));
            publish(channel, queue, props("bad id with spaces", "victim", Map.of(EnvelopeCodec.DUE_AT, due)), "x");

            String dead = config.topologyNames().deadQueue();
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> count(channel, dead) == 5,
                    () -> count(channel, dead) + " messages in the dead-job queue, expected 5");
            Poll.until(
                    Duration.ofSeconds(5),
                    () -> worker.store().attemptCount() == 5,
                    () -> worker.store().attemptCount() + " audit rows, expected 5");

            List<String> reasons = new ArrayList<>();
            GetResponse response;
            while ((response = channel.basicGet(dead, true)) != null) {
                reasons.add(response.getProps()
                        .getHeaders()
                        .get(EnvelopeCodec.DEAD_REASON)
                        .toString());
            }
            assertThat(reasons)
                    .anySatisfy(r -> assertThat(r).contains("message-id is missing"))
                    .anySatisfy(r -> assertThat(r).contains("job-due-at = \"tomorrow\": expected an integer"))
                    .anySatisfy(r -> assertThat(r).contains("job type other arrived on the queue of type victim"))
                    .anySatisfy(r -> assertThat(r).contains("payload of 101 bytes exceeds"))
                    .anySatisfy(r -> assertThat(r).contains("message-id: job id \"bad id with spaces\" is invalid"));
            assertThat(count(channel, queue)).isZero();
            assertThat(handled).hasValue(0);
            assertThat(worker.store().status("too-big").state()).isEqualTo(JobState.DEAD);
            assertThat(worker.store().status("too-big").attempts())
                    .singleElement()
                    .extracting(JobAttempt::outcome)
                    .isEqualTo(JobAttempt.Outcome.DEAD);
        }
    }

    private static AMQP.BasicProperties props(String id, String type, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .messageId(id)
                .type(type)
                .headers(headers)
                .deliveryMode(2)
                .build();
    }

    private static void publish(Channel channel, String queue, AMQP.BasicProperties properties, String body)
            throws Exception {
        channel.basicPublish("", queue, properties, body.getBytes());
    }

    private static long count(Channel channel, String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
