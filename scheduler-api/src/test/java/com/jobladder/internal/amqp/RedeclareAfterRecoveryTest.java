package com.jobladder.internal.amqp;

import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.LadderRoute;
import com.jobladder.internal.topology.TopologyNames;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TcpProxy;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After its connection recovers, a session declares again, from its own record, every worker queue
 * it declared, with its binding: amqp-client's recorded topology is not trusted to hold it.
 */
@Tag("integration")
class RedeclareAfterRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void afterARecoveryTheSessionDeclaresItsWorkerQueueAndBindingAgainThoughAmqpClientForgotThem() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT);
             Connection observer = TestBroker.connect()) {
            SchedulerConfig direct = TestBroker.config(TestBroker.uniqueNamespace("redeclare"), dataDir);
            SchedulerConfig config = direct.withBroker(direct.broker().withUri(TestBroker.uriVia(proxy.port())));
            TopologyNames names = config.topologyNames();
            String queue = names.workerQueue("ping");
            try (BrokerSession session = BrokerSession.open(config, "jobladder-redeclare-test", Clock.systemUTC())) {
                session.publisher().ensureWorkerQueue("ping");
                // Deleted through the session's own connection, the queue and its binding leave amqp-client's recorded
                // topology: its recovery alone does not declare them again, as on a node that never had them.
                try (Channel channel = session.connection().createChannel()) {
                    channel.queueDelete(queue);
                }

                proxy.cut();
                proxy.resume();

                Poll.until(Duration.ofSeconds(30), () -> exists(observer, queue),
                        () -> queue + " declared again after the connection recovered");
                // The binding follows the queue by a round trip: a job published in between goes to the unrouted queue.
                String dueKey = LadderRoute.of(names.ladder(), Duration.ZERO, "ping").routingKey();
                try (Channel channel = observer.createChannel()) {
                    Poll.until(Duration.ofSeconds(10), () -> routes(channel, names.deliveryExchange(), dueKey, queue),
                            () -> "a due job reaches " + queue + " through its binding, declared again too");
                }
            }
        }
    }

    /** A passive declare closes its channel when the queue is missing, so each check gets a channel of its own. */
    private static boolean exists(Connection connection, String queue) {
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclarePassive(queue);
            return true;
        } catch (IOException | TimeoutException | RuntimeException missing) {
            return false;
        }
    }

    /** Publishes one message and takes it from {@code queue}: on one channel the broker routes it before the get. */
    private static boolean routes(Channel channel, String exchange, String routingKey, String queue) {
        try {
            channel.basicPublish(exchange, routingKey, null, new byte[] {1});
            return channel.basicGet(queue, true) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
