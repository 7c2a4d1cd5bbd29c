package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.RabbitMqUnderTest;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One payload limit, jobladder.worker.max-payload-bytes: refused when scheduling, poison in the worker. */
@Tag("integration")
class PayloadLimitTest {
    @TempDir
    Path dataDir;

    @Test
    void aPayloadAtTheLimitRunsEndToEndAndOneByteMoreIsRefusedWhenScheduling() throws Exception {
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("limit"), dataDir, "jobladder.worker.max-payload-bytes = 1000");
        Map<String, Integer> received = new ConcurrentHashMap<>();
        try (WorkerDaemon worker = TestWorkers.start(
                        config, Map.of("upload", job -> received.put(job.jobId(), job.payload().length)));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("upload")
                    .id("at-limit")
                    .payload(new byte[1000], "application/pdf")
                    .after(Duration.ofMillis(200)));
            assertThatThrownBy(() -> scheduler.schedule(JobRequest.ofType("upload")
                            .id("over-limit")
                            .payload(new byte[1001], "application/pdf")
                            .now()))
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job over-limit was not scheduled: its payload of 1001 bytes exceeds"
                            + " jobladder.worker.max-payload-bytes = 1000");

            Poll.until(
                    Duration.ofSeconds(10), () -> received.containsKey("at-limit"), () -> "the job at the limit ran");
            assertThat(received).containsExactly(Map.entry("at-limit", 1000));
        }
    }

    /**
     * The largest message the broker takes reaches the worker, which dead-letters it unrun: on 3.10
     * that is 65 MiB, over amqp-client's own 64 MiB default, which the worker's connections raise;
     * on 4.0 the broker's 16 MiB.
     */
    @Test
    void theLargestMessageTheBrokerTakesReachesTheWorkerAndIsDeadLettered() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("huge"), dataDir);
        Map<String, Integer> received = new ConcurrentHashMap<>();
        String queue = config.topologyNames().workerQueue("upload");
        try (WorkerDaemon worker = TestWorkers.start(
                        config, Map.of("upload", job -> received.put(job.jobId(), job.payload().length)));
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            long due = System.currentTimeMillis();
            channel.confirmSelect();
            int huge = Math.min(65 * 1024 * 1024, RabbitMqUnderTest.maxMessageSize());
            channel.basicPublish("", queue, props("huge", due), new byte[huge]);
            channel.basicPublish("", queue, props("small", due), new byte[10]);
            channel.waitForConfirmsOrDie(60_000);

            String dead = config.topologyNames().deadQueue();
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> received.containsKey("small") && count(channel, dead) == 1,
                    () -> "the small job ran and the huge one was dead-lettered; ran " + received.keySet() + ", dead "
                            + count(channel, dead));
            // This test's own connection keeps amqp-client's 64 MiB limit: read the reason from the audit row.
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> worker.store().status("huge").state() == JobState.DEAD,
                    () -> "a DEAD row for the huge job: " + worker.store().status("huge"));
            assertThat(worker.store().status("huge").attempts())
                    .singleElement()
                    .extracting(JobAttempt::error)
                    .asString()
                    .contains("payload of " + huge + " bytes exceeds jobladder.worker.max-payload-bytes = 1048576");
            assertThat(received).doesNotContainKey("huge");
        }
    }

    private static AMQP.BasicProperties props(String id, long due) {
        return new AMQP.BasicProperties.Builder()
                .messageId(id)
                .type("upload")
                .deliveryMode(2)
                .headers(Map.of(EnvelopeCodec.DUE_AT, due))
                .build();
    }

    private static long count(Channel channel, String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
