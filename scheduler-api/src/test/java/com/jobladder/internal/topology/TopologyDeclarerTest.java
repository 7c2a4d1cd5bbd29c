package com.jobladder.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class TopologyDeclarerTest {
    private final String namespace = TestBroker.uniqueNamespace("topology");
    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        connection = TestBroker.connect();
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
    }

    private static LadderSpec ladder(int radix) {
        return new LadderSpec(radix, Duration.ofMillis(10), 3, QueueType.QUORUM, 10_000);
    }

    @Test
    void declaringTheLadderTwiceIsIdempotent() throws Exception {
        TopologyDeclarer declarer = new TopologyDeclarer(new TopologyNames(namespace, ladder(4)));
        try (Channel channel = connection.createChannel()) {
            declarer.declareAll(channel);
            declarer.declareAll(channel);
            declarer.declareWorkerQueue(channel, "send-email");
            declarer.declareWorkerQueue(channel, "send-email");
        }

        try (Channel channel = connection.createChannel()) {
            for (int level = 0; level < 3; level++) {
                for (int digit = 1; digit < 4; digit++) {
                    assertThat(channel.queueDeclarePassive(declarer.names().ladderQueue(level, digit))
                                    .getMessageCount())
                            .isZero();
                }
            }
            channel.queueDeclarePassive(declarer.names().workerQueue("send-email"));
            channel.queueDeclarePassive(declarer.names().unroutedQueue());
            channel.queueDeclarePassive(declarer.names().deadQueue());
        }
    }

    @Test
    void aMessagePublishedByHandIntoAMiddleRungThatMatchesNothingBelowLandsInTheUnroutedQueue() throws Exception {
        TopologyDeclarer declarer = new TopologyDeclarer(
                new TopologyNames(namespace, new LadderSpec(2, Duration.ofMillis(100), 3, QueueType.CLASSIC, 1_000)));
        try (Channel channel = connection.createChannel()) {
            declarer.declareAll(channel);
            channel.confirmSelect();
            // "1" matches level 2's "1.#" (400 ms), then none of level 1's "*.d.#" patterns.
            channel.basicPublish(declarer.names().ladderExchange(2), "1", true, null, new byte[0]);
            channel.waitForConfirmsOrDie(10_000);

            Poll.until(
                    Duration.ofSeconds(10),
                    () -> messages(channel, declarer.names().unroutedQueue()) == 1,
                    () -> "the message in " + declarer.names().unroutedQueue() + ", found "
                            + messages(channel, declarer.names().unroutedQueue()));
        }
    }

    private static long messages(Channel channel, String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSecondLadderWithAnotherRadixIsDeclaredBesideTheFirst() throws Exception {
        TopologyDeclarer first = new TopologyDeclarer(new TopologyNames(namespace, ladder(4)));
        TopologyDeclarer second = new TopologyDeclarer(new TopologyNames(namespace, ladder(8)));

        try (Channel channel = connection.createChannel()) {
            first.declareAll(channel);
            assertThatCode(() -> second.declareAll(channel)).doesNotThrowAnyException();
        }

        assertThat(first.names().ladderQueue(0, 1)).isNotEqualTo(second.names().ladderQueue(0, 1));
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclarePassive(first.names().ladderQueue(2, 3));
            channel.queueDeclarePassive(second.names().ladderQueue(2, 7));
        }
    }
}
