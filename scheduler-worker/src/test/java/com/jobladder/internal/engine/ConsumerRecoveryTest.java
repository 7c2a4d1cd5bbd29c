package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A consumer the broker stops (consumer timeout, deleted queue) is re-created, and jobs keep flowing. */
@Tag("crash")
class ConsumerRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void aChannelTheBrokerClosesForAConsumerTimeoutIsReopenedAndJobsKeepFlowing() throws Exception {
        try (PrivateBroker broker = PrivateBroker.startWithConsumerTimeout(Duration.ofSeconds(5))) {
            SchedulerConfig local =
                    TestBroker.config("timeout", dataDir, "jobladder.job-types.sluggish.concurrency = 2");
            SchedulerConfig config = local.withBroker(local.broker().withUri(broker.uri()));
            AtomicBoolean firstRun = new AtomicBoolean(true);
            // The first run holds its delivery for 10 s, past the 5 s consumer timeout: the broker closes the channel.
            JobHandler handler = job -> {
                if (job.jobId().equals("slow") && firstRun.getAndSet(false)) {
                    Thread.sleep(10_000);
                }
            };
            try (WorkerDaemon worker = TestWorkers.start(config, Map.of("sluggish", handler));
                    JobScheduler scheduler =
                            JobSchedulerBuilder.fromSettings(config).build()) {
                scheduler.schedule(JobRequest.ofType("sluggish").id("slow").now());
                // Succeeds once the broker has closed the channel (it requeues the delivery) and a new consumer
                // took the redelivery, or, without one, when the first run ends.
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> scheduler.status("slow").state() == JobState.SUCCEEDED,
                        () -> "slow succeeded: " + scheduler.status("slow") + "; queues: " + broker.describeQueues());

                for (int i = 1; i <= 5; i++) {
                    scheduler.schedule(
                            JobRequest.ofType("sluggish").id("after-" + i).now());
                }
                for (int i = 1; i <= 5; i++) {
                    String id = "after-" + i;
                    Poll.until(
                            Duration.ofSeconds(30),
                            () -> scheduler.status(id).state() == JobState.SUCCEEDED,
                            () -> id + " ran after the consumer timeout: " + scheduler.status(id) + "; queues: "
                                    + broker.describeQueues());
                }
            }
        }
    }

    @Test
    void aDeletedWorkerQueueIsDeclaredAgainAndConsumedFrom() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("deleted"), dataDir);
        String queue = config.topologyNames().workerQueue("orphan");
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("orphan", job -> {}));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build();
                Connection connection = TestBroker.connect()) {
            scheduler.schedule(JobRequest.ofType("orphan").id("before").now());
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> scheduler.status("before").state() == JobState.SUCCEEDED,
                    () -> "before succeeded: " + scheduler.status("before"));

            try (Channel channel = connection.createChannel()) {
                channel.queueDelete(queue);
            }
            Poll.until(Duration.ofSeconds(30), () -> exists(connection, queue), () -> queue + " declared again");

            scheduler.schedule(JobRequest.ofType("orphan").id("after").now());
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> scheduler.status("after").state() == JobState.SUCCEEDED,
                    () -> "after succeeded: " + scheduler.status("after"));
            assertThat(TestBroker.unacknowledged(queue)).isZero();
        }
    }

    /** A passive declare closes its channel when the queue is missing, so each check gets a channel of its own. */
    private static boolean exists(Connection connection, String queue) {
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclarePassive(queue);
            return true;
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return false;
        }
    }
}
