package com.jobladder.internal.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.ScheduleFailedException;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.TopologyNames;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class ConfirmedPublishingTest {
    /** Level 2 of a radix-2 ladder: the rung's single queue holds one job (classic, max-length 1) for 40 s. */
    private static final String TINY_LADDER = "jobladder.ladder { radix = 2, unit = 10000ms, levels = 3,"
            + " max-length = 1, window = 0, lead = 0 }\n"
            + "jobladder.broker { publisher-channels = 1, confirm-timeout = 15s }\n";

    private static final String RUNG_KEY = "1.0.0.full";

    @TempDir
    Path dataDir;

    @Test
    void aPublishThatFailsInTheClientDoesNotShiftTheConfirmsOfTheJobsAfterIt() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("desync"), dataDir, TINY_LADDER);
        TopologyNames names = config.topologyNames();
        try (BrokerSession session = BrokerSession.open(config, "jobladder-test", Clock.systemUTC())) {
            ConfirmedPublisher publisher = session.confirmedPublisher();
            String rung = names.ladderExchange(2);
            publisher
                    .publish("fills-the-rung", rung, RUNG_KEY, properties("fills-the-rung", Map.of()), new byte[0])
                    .get(15, TimeUnit.SECONDS);

            // Over the 128 KB frame limit: amqp-client counts the publish, the broker never sees it.
            CompletableFuture<Void> oversized = publisher.publish(
                    "oversized",
                    rung,
                    RUNG_KEY,
                    properties("oversized", Map.of("note", "x".repeat(200_000))),
                    new byte[0]);
            CompletableFuture<Void> refused =
                    publisher.publish("refused", rung, RUNG_KEY, properties("refused", Map.of()), new byte[0]);
            CompletableFuture<Void> accepted = publisher.publish(
                    "accepted", names.deliveryExchange(), "0.0.0.none", properties("accepted", Map.of()), new byte[0]);

            assertThatThrownBy(() -> oversized.get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job oversized was not scheduled: publish to the broker failed");
            // The broker nacked "refused" (the rung is full): reported as failed, never as confirmed.
            assertThatThrownBy(() -> refused.get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("job refused was not scheduled: the broker nacked it");
            accepted.get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void confirmedPublishesLeaveNoCancelledTimeoutsOnTheTimer() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("timer"), dataDir);
        TopologyNames names = config.topologyNames();
        try (BrokerSession session = BrokerSession.open(config, "jobladder-test", Clock.systemUTC())) {
            List<CompletableFuture<Void>> confirms = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                confirms.add(session.confirmedPublisher()
                        .publish(
                                "t-" + i,
                                names.deliveryExchange(),
                                "none",
                                properties("t-" + i, Map.of()),
                                new byte[0]));
            }
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            // Each publish scheduled a 30 s confirm timeout and cancelled it on its confirm.
            assertThat(((ScheduledThreadPoolExecutor) session.timer()).getQueue())
                    .hasSizeLessThan(10);
        }
    }

    private static AMQP.BasicProperties properties(String jobId, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .messageId(jobId)
                .type("full")
                .deliveryMode(2)
                .headers(headers)
                .build();
    }
}
