package com.jobladder.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The cluster the failover tests run on: three nodes, and a quorum queue that outlives its leader. */
@Tag("integration")
class PrivateClusterTest {
    private static final String QUEUE = "cluster-check";

    @Test
    void threeNodesJoinAndAQuorumQueueKeepsItsMessagesWhenItsLeaderIsKilled() throws Exception {
        try (PrivateCluster cluster = PrivateCluster.start(3)) {
            assertThat(cluster.runningNodes(cluster.node(1))).isEqualTo(3);
            assertThat(cluster.addresses()).matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");

            try (Connection connection = connect(cluster.node(0));
                    Channel channel = connection.createChannel()) {
                channel.queueDeclare(
                        QUEUE, true, false, false, Map.of("x-queue-type", "quorum", "x-quorum-initial-group-size", 3));
                channel.confirmSelect();
                channel.basicPublish(
                        "",
                        QUEUE,
                        new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        "kept".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(30_000);
            }
            PrivateBroker leader = cluster.leaderOfMost(QUEUE);
            assertThat(leader).isNotNull();
            leader.kill();

            PrivateBroker survivor = cluster.nodes().stream()
                    .filter(n -> n != leader)
                    .findFirst()
                    .orElseThrow();
            try (Connection connection = connect(survivor)) {
                GetResponse[] got = new GetResponse[1];
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> {
                            // A get refused while the election is under way closes its channel: a new one each time.
                            try (Channel channel = connection.createChannel()) {
                                got[0] = channel.basicGet(QUEUE, true);
                            } catch (Exception electionUnderWay) {
                                return false;
                            }
                            return got[0] != null;
                        },
                        () -> "the message back from " + survivor.nodeName() + " once a new leader is elected");
                assertThat(new String(got[0].getBody(), StandardCharsets.UTF_8)).isEqualTo("kept");
            }
        }
    }

    private static Connection connect(PrivateBroker node) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(node.uri());
        return factory.newConnection("cluster-check");
    }
}
