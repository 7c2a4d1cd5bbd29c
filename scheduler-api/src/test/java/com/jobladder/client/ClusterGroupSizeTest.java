package com.jobladder.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.PrivateCluster;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a cluster, a client given every node's address declares its quorum queues with the
 * configured group size. Two replicas on three nodes show the argument at work: without it
 * RabbitMQ would place a replica on every node.
 */
@Tag("crash")
class ClusterGroupSizeTest {
    @TempDir
    Path dataDir;

    @Test
    void quorumQueuesDeclaredThroughTheClusterHaveTheConfiguredNumberOfReplicas() throws Exception {
        try (PrivateCluster cluster = PrivateCluster.start(3)) {
            // A small ladder: three rungs, so the busy test machine declares few quorum queues.
            SchedulerConfig local = TestBroker.config("grouped", dataDir, """
                    jobladder.ladder { queue-type = quorum, radix = 2, levels = 3, window = 0, lead = 0 }
                    jobladder.ladder.quorum-initial-group-size = 2
                    """);
            SchedulerConfig config = local.withBroker(local.broker()
                    .withUri(cluster.node(0).uri())
                    .withAddresses(Arrays.asList(cluster.addresses().split(","))));

            try (JobScheduler scheduler =
                    JobSchedulerBuilder.fromSettings(config).build()) {
                scheduler.schedule(JobRequest.ofType("ping").id("grouped-1").after(Duration.ofMinutes(5)));
            }

            Map<String, Integer> replicas =
                    replicas(cluster.node(1).rabbitmqctl("list_queues", "name", "members", "--no-table-headers"));
            // Three rungs, the unrouted and dead-job queues, and the worker queue of ping.
            assertThat(replicas)
                    .hasSize(3 + 3)
                    .allSatisfy((queue, count) ->
                            assertThat(count).as("replicas of " + queue).isEqualTo(2));
        }
    }

    /** Queue name to the number of nodes in its members column, for this test's namespace. */
    private static Map<String, Integer> replicas(String listing) {
        Map<String, Integer> replicas = new TreeMap<>();
        for (String line : listing.split("\\R")) {
            List<String> columns = List.of(line.trim().split("\\s+", 2));
            if (columns.size() == 2 && columns.get(0).startsWith("grouped.")) {
                replicas.put(columns.get(0), (int)
                        columns.get(1).chars().filter(c -> c == '@').count());
            }
        }
        return replicas;
    }
}
