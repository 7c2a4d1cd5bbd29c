package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.TestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker and a client given two nodes reconnect to the other when theirs stops. The nodes are
 * independent (not clustered): enough to prove the reconnect path, which re-declares the ladder,
 * the delivery exchange and the worker queue on the node it lands on (jobs still inside the
 * stopped node stay there; on a cluster its quorum queues live on).
 */
@Tag("crash")
class NodeLossReconnectTest {
    private static final String CONSUMING = "-consuming";

    @TempDir
    Path dataDir;

    @Test
    void stoppingTheNodeAWorkerAndClientAreOnMakesThemReconnectToTheOtherAndJobsKeepFlowing() throws Exception {
        try (PrivateBroker first = PrivateBroker.start();
                PrivateBroker second = PrivateBroker.start()) {
            SchedulerConfig local = TestBroker.config("failover", dataDir);
            SchedulerConfig config = local.withBroker(
                    local.broker().withUri(first.uri()).withAddresses(List.of(first.address(), second.address())));
            // Independent nodes share no queues: every connection starts on the first and must move to the second.
            second.stopNode();
            try (WorkerDaemon worker = TestWorkers.start(config, Map.of("ping", job -> {}));
                    JobScheduler scheduler =
                            JobSchedulerBuilder.fromSettings(config).build()) {
                scheduler.schedule(JobRequest.ofType("ping").id("before").after(Duration.ofSeconds(1)));
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> scheduler.status("before").state() == JobState.SUCCEEDED,
                        () -> "before succeeded: " + scheduler.status("before"));
                assertThat(hasConsumingConnection(first))
                        .as("the worker consumes from the first node")
                        .isTrue();

                second.startNode();
                first.stopNode();

                // Independent nodes: until the worker has declared its queue and binding there again (amqp-client
                // recovers queues and bindings before consumers), a job falling due would go to the unrouted queue.
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> consumers(second, "failover.work.ping") > 0,
                        () -> "the worker consumes from the second node: " + second.describeQueues());
                for (int i = 1; i <= 5; i++) {
                    String id = "after-" + i;
                    // The client reconnects on its own: it is back once a schedule is confirmed.
                    Poll.until(Duration.ofSeconds(60), () -> scheduled(scheduler, id), () -> id + " scheduled");
                }
                for (int i = 1; i <= 5; i++) {
                    String id = "after-" + i;
                    Poll.until(
                            Duration.ofSeconds(30),
                            () -> scheduler.status(id).state() == JobState.SUCCEEDED,
                            () -> id + " ran on the second node: " + scheduler.status(id) + "; queues: "
                                    + second.describeQueues());
                }
            }
        }
    }

    private static boolean scheduled(JobScheduler scheduler, String id) {
        try {
            scheduler.schedule(JobRequest.ofType("ping").id(id).after(Duration.ofSeconds(1)));
            return true;
        } catch (RuntimeException reconnecting) {
            return false;
        }
    }

    private static long consumers(PrivateBroker node, String queue) {
        try {
            return node.rabbitmqctl("list_queues", "name", "consumers", "--no-table-headers", "-q")
                    .lines()
                    .map(line -> line.trim().split("\\s+"))
                    .filter(columns -> columns.length == 2 && columns[0].equals(queue))
                    .mapToLong(columns -> Long.parseLong(columns[1]))
                    .sum();
        } catch (IOException e) {
            return 0; // the node is still starting
        }
    }

    private static boolean hasConsumingConnection(PrivateBroker node) {
        try {
            return node.rabbitmqctl("list_connections", "client_properties", "--no-table-headers")
                    .contains(CONSUMING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
