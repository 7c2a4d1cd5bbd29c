package com.jobladder.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.config.LadderWatchSettings;
import com.jobladder.internal.topology.LadderSpec;
import com.jobladder.internal.topology.QueueType;
import com.jobladder.internal.topology.TopologyNames;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ladder watch on a real management API. A quorum rung whose dead-letter exchange does not
 * exist keeps its expired jobs, counted in {@code messages} and neither ready nor unacknowledged,
 * just as a rung stranded by a node loss does; once the exchange and a queue behind it exist, the
 * broker's dead-letter worker passes them on and the rung is no longer counted.
 */
@Tag("integration")
class LadderWatchOnBrokerTest {
    @Test
    void aRungWhoseExpiredJobsCannotBePassedOnIsReportedUntilTheyMove() throws Exception {
        TopologyNames names =
                new TopologyNames("watch", new LadderSpec(4, Duration.ofMillis(1), 2, QueueType.QUORUM, 1000));
        String rung = names.ladderQueue(1, 1);
        String nowhere = "watch.not-yet";
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PrivateBroker broker = PrivateBroker.startWithManagement()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.uri());
            try (Connection connection = factory.newConnection();
                    Channel channel = connection.createChannel()) {
                channel.queueDeclare(
                        rung,
                        true,
                        false,
                        false,
                        Map.of(
                                "x-queue-type",
                                "quorum",
                                "x-message-ttl",
                                100,
                                "x-dead-letter-exchange",
                                nowhere,
                                "x-dead-letter-strategy",
                                "at-least-once",
                                "x-overflow",
                                "reject-publish"));
                for (int i = 0; i < 5; i++) {
                    channel.basicPublish("", rung, null, ("job-" + i).getBytes(StandardCharsets.UTF_8));
                }
                // The first address answers nothing: the watch goes on to the next.
                LadderWatchSettings settings = new LadderWatchSettings(
                        List.of("http://127.0.0.1:1", broker.managementUri()), Duration.ofSeconds(3));
                try (StrandedRungs watch = StrandedRungs.start(settings, broker.uri(), "/", names, registry)) {
                    Poll.until(
                            Duration.ofSeconds(60),
                            () -> gauge(registry, "jobladder.ladder.stranded.queues") == 1,
                            () -> "the rung reported stranded; gauges: queues "
                                    + gauge(registry, "jobladder.ladder.stranded.queues") + ", jobs "
                                    + gauge(registry, "jobladder.ladder.stranded.jobs"));
                    assertThat(gauge(registry, "jobladder.ladder.stranded.jobs"))
                            .isEqualTo(5);

                    channel.exchangeDeclare(nowhere, "fanout", true);
                    channel.queueDeclare("watch.caught", true, false, false, Map.of("x-queue-type", "quorum"));
                    channel.queueBind("watch.caught", nowhere, "");
                    Poll.until(
                            Duration.ofSeconds(60),
                            () -> gauge(registry, "jobladder.ladder.stranded.queues") == 0 && caught(channel) == 5,
                            () -> "the rung no longer stranded and its 5 jobs passed on; caught " + caught(channel));
                }
            }
        }
    }

    private static long caught(Channel channel) {
        try {
            return channel.messageCount("watch.caught");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
