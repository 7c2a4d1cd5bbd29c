package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobContext;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follow-up the broker will not take (here: the worker's publishing connection blocked by a
 * memory alarm) does not send the delivery straight back in a loop: it is handed back after a
 * back-off, each attempt recorded with the reason, and the job ends dead after the hand-back
 * limit, or runs on once publishing works again.
 */
@Tag("crash")
class HandBackTest {
    private static final String SETTINGS = """
            jobladder.broker.confirm-timeout = 3s
            jobladder.worker.hand-back { limit = %d, backoff-base = 1s, backoff-cap = 2s }
            jobladder.job-types.default { max-attempts = 5, backoff-base = 100ms, backoff-cap = 200ms }
            """;
    private static PrivateBroker broker;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startNode() throws Exception {
        broker = PrivateBroker.start();
    }

    @AfterAll
    static void stopNode() throws Exception {
        broker.close();
    }

    @Test
    void aJobWhoseRetryCannotBePublishedIsHandedBackWithBackOffAndEndsDeadWithItsReason() throws Exception {
        handedBackWithBackOffThenDead(config("handback-dead", 2, "classic"));
    }

    /** Quorum queues count requeues themselves (x-delivery-count); the worker's limit still ends the job first. */
    @Test
    void onQuorumQueuesTooTheJobEndsDeadWithItsReasonAfterTheHandBackLimit() throws Exception {
        handedBackWithBackOffThenDead(config("handback-quorum", 2, "quorum"));
    }

    private void handedBackWithBackOffThenDead(SchedulerConfig config) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Long> runs = new CopyOnWriteArrayList<>();
        JobHandler alwaysFails = job -> {
            runs.add(System.nanoTime());
            go.await();
            throw new IllegalStateException("downstream is down");
        };
        Primer primer = new Primer();
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("stuck", alwaysFails, "primer", primer));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("stuck").id("stuck-1").now());
            Poll.until(Duration.ofSeconds(30), () -> runs.size() == 1, () -> "stuck-1 running");
            try {
                blockThePublishingConnection(config, scheduler, primer);
                go.countDown();

                // The first run and one run per hand-back (limit 2), then the job is held for its dead-job copy.
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> failedRows(scheduler, "stuck-1") == 3,
                        () -> "three FAILED rows: " + scheduler.status("stuck-1"));
                assertThat(Duration.ofNanos(runs.get(2) - runs.get(0)))
                        .as("the back-off between runs (1 s, then 2 s)")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
                assertThat(scheduler.status("stuck-1").attempts())
                        .allSatisfy(attempt -> assertThat(attempt.error())
                                .contains("downstream is down")
                                .contains("its retry could not be published"));
                assertThat(scheduler.status("stuck-1").state())
                        .as("held while the dead-job copy cannot be published")
                        .isNotEqualTo(JobState.DEAD);

                clearTheAlarm();
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> scheduler.status("stuck-1").state() == JobState.DEAD,
                        () -> "stuck-1 dead once the dead-job copy could be published: " + scheduler.status("stuck-1"));
                assertThat(runs).as("handler runs").hasSize(3);
                JobAttempt dead = scheduler.status("stuck-1").attempts().get(3);
                assertThat(dead.outcome()).isEqualTo(Outcome.DEAD);
                assertThat(dead.error())
                        .contains("handed back to the broker 2 times without progress")
                        .contains("its retry could not be published");
                assertThat(deadReasons(config))
                        .singleElement()
                        .asString()
                        .contains("handed back to the broker 2 times without progress");
                Poll.until(
                        Duration.ofSeconds(15),
                        () -> broker.unacknowledged(queue(config, "stuck")) == 0,
                        () -> "nothing left unacked: " + broker.describeQueues());
            } finally {
                clearTheAlarm();
            }
        }
    }

    @Test
    void aJobWhoseRetryCouldNotBePublishedRunsOnOncePublishingWorksAgain() throws Exception {
        SchedulerConfig config = config("handback-clears", 5, "classic");
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        JobHandler failsTheFirstAttempt = job -> {
            runs.incrementAndGet();
            go.await();
            if (job.attempt() == 1) {
                throw new IllegalStateException("attempt 1 fails");
            }
        };
        Primer primer = new Primer();
        try (WorkerDaemon worker =
                        TestWorkers.start(config, Map.of("mending", failsTheFirstAttempt, "primer", primer));
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            scheduler.schedule(JobRequest.ofType("mending").id("mending-1").now());
            Poll.until(Duration.ofSeconds(30), () -> runs.get() == 1, () -> "mending-1 running");
            try {
                blockThePublishingConnection(config, scheduler, primer);
                go.countDown();
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> failedRows(scheduler, "mending-1") >= 1,
                        () -> "the first attempt recorded: " + scheduler.status("mending-1"));

                clearTheAlarm();
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> scheduler.status("mending-1").state() == JobState.SUCCEEDED,
                        () -> "mending-1 ran on once the alarm cleared: " + scheduler.status("mending-1"));
                List<JobAttempt> attempts = scheduler.status("mending-1").attempts();
                assertThat(attempts.get(0).error()).contains("its retry could not be published");
                assertThat(attempts.get(attempts.size() - 1).attempt()).isEqualTo(2);
                assertThat(runs.get())
                        .as("handler runs: one per hand-back, no loop")
                        .isLessThanOrEqualTo(6);
            } finally {
                clearTheAlarm();
            }
        }
    }

    private SchedulerConfig config(String name, int handBackLimit, String queueType) {
        SchedulerConfig local = TestBroker.config(
                name, dataDir, SETTINGS.formatted(handBackLimit) + "jobladder.ladder.queue-type = " + queueType + "\n");
        return local.withBroker(local.broker().withUri(broker.uri()));
    }

    /**
     * Raises a memory alarm and has the worker publish once (the primer's retry), after which the
     * broker reads nothing more from its publishing connection; the consuming one keeps working.
     * Jobs must be scheduled before: the alarm blocks the test's own client too.
     */
    private static void blockThePublishingConnection(SchedulerConfig config, JobScheduler scheduler, Primer primer)
            throws Exception {
        scheduler.schedule(JobRequest.ofType("primer").id("primer").now());
        Poll.until(Duration.ofSeconds(30), () -> primer.running.getCount() == 0, () -> "the primer is running");
        broker.rabbitmqctl("set_vm_memory_high_watermark", "0.000001");
        primer.go.countDown();
        String publishing = "jobladder-worker-" + config.worker().id();
        Poll.until(
                Duration.ofSeconds(30),
                () -> broker.blocked(publishing),
                () -> "the worker's publishing connection " + publishing + " blocked by the alarm");
    }

    /** Before the worker closes: the broker reads nothing, not even a close, from a blocked connection. */
    private static void clearTheAlarm() throws Exception {
        broker.rabbitmqctl("set_vm_memory_high_watermark", "0.4");
    }

    /** Fails its first attempt when told to, so that the worker publishes a retry under the alarm. */
    private static final class Primer implements JobHandler {
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);

        @Override
        public void handle(JobContext job) throws Exception {
            if (job.attempt() == 1) {
                running.countDown();
                go.await();
                throw new IllegalStateException("fails once, so its retry is published under the alarm");
            }
        }
    }

    private static long failedRows(JobScheduler scheduler, String jobId) {
        return scheduler.status(jobId).attempts().stream()
                .filter(a -> a.outcome() == Outcome.FAILED)
                .count();
    }

    private static String queue(SchedulerConfig config, String type) {
        return config.topologyNames().workerQueue(type);
    }

    /** The reasons of the messages in the dead-job queue (taken off it). */
    private static List<Object> deadReasons(SchedulerConfig config) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.uri());
        List<Object> reasons = new java.util.ArrayList<>();
        try (Connection connection = factory.newConnection("handback-test");
                Channel channel = connection.createChannel()) {
            GetResponse response;
            while ((response = channel.basicGet(config.topologyNames().deadQueue(), true)) != null) {
                reasons.add(String.valueOf(response.getProps().getHeaders().get(EnvelopeCodec.DEAD_REASON)));
            }
        }
        return reasons;
    }
}
