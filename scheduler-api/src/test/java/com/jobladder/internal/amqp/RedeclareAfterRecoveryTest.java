package com.jobladder.internal.amqp;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After its connection recovers, a session declares again, from its own record, every worker queue
 * it declared, with its binding: amqp-client's recorded topology is not trusted to hold it. Until it
 * has, its publisher refuses jobs, so none waits in the unrouted queue.
 */
@Tag("integration")
class RedeclareAfterRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void afterARecoveryTheSessionDeclaresItsWorkerQueueAndBindingAgainThoughAmqpClientForgotThem() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT);
                Connection observer = TestBroker.connect();
                BrokerSession session = sessionThatForgotItsWorkerQueue(proxy, "redeclare")) {
            TopologyNames names = session.declarer().names();
            String queue = names.workerQueue("ping");
            proxy.cut();
            proxy.resume();

            Poll.until(
                    Duration.ofSeconds(30),
                    () -> exists(observer, queue),
                    () -> queue + " declared again after the connection recovered");
            // The binding follows the queue by a round trip: a job published in between goes to the unrouted queue.
            String dueKey =
                    LadderRoute.of(names.ladder(), Duration.ZERO, "ping").routingKey();
            try (Channel channel = observer.createChannel()) {
                Poll.until(
                        Duration.ofSeconds(10),
                        () -> routes(channel, names.deliveryExchange(), dueKey, queue),
                        () -> "a due job reaches " + queue + " through its binding, declared again too");
            }
        }
    }

    @Test
    void jobsPublishedWhileTheTopologyIsDeclaredAgainAreRefusedRetryablyNeverUnrouted() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT);
                Connection observer = TestBroker.connect();
                BrokerSession session = sessionThatForgotItsWorkerQueue(proxy, "redeclare-gate")) {
            TopologyNames names = session.declarer().names();
            String queue = names.workerQueue("ping");
            proxy.cut();
            proxy.resume();

            // Due jobs, published one after another through the whole recovery: every one is either refused or
            // routed to the worker queue declared again.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger confirmed = new AtomicInteger();
            AtomicInteger refusedWhileDeclaring = new AtomicInteger();
            Thread publishing = new Thread(
                    () -> {
                        for (int i = 0; !stop.get(); i++) {
                            Instant now = Instant.now();
                            Envelope job = new Envelope(
                                    "gate-" + i,
                                    "ping",
                                    new byte[] {1},
                                    "application/octet-stream",
                                    now,
                                    1,
                                    now,
                                    null,
                                    null);
                            try {
                                session.publisher().publishToAwait(job).get(10, TimeUnit.SECONDS);
                                confirmed.incrementAndGet();
                            } catch (ExecutionException e) {
                                if (e.getCause().getMessage().contains("being declared again")) {
                                    refusedWhileDeclaring.incrementAndGet();
                                }
                            } catch (InterruptedException | TimeoutException e) {
                                return;
                            }
                        }
                    },
                    "gate-test-publisher");
            publishing.start();
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> exists(observer, queue) && confirmed.get() >= 200,
                    () -> queue + " declared again and 200 jobs confirmed after the connection recovered");
            stop.set(true);
            publishing.join();

            try (Channel channel = observer.createChannel()) {
                assertThat(channel.queueDeclarePassive(names.unroutedQueue()).getMessageCount())
                        .as("due jobs in the unrouted queue")
                        .isZero();
                assertThat(channel.queueDeclarePassive(queue).getMessageCount())
                        .as("jobs in " + queue)
                        .isEqualTo(confirmed.get());
            }
            assertThat(refusedWhileDeclaring.get())
                    .as("publishes refused while the topology was declared again")
                    .isPositive();
        }
    }

    /**
     * A session through {@code proxy} that declared the worker queue of type ping, which was then deleted
     * through the session's own connection: the queue and its binding leave amqp-client's recorded topology,
     * so its recovery alone does not declare them again, as on a node that never had them.
     */
    private BrokerSession sessionThatForgotItsWorkerQueue(TcpProxy proxy, String namespace) throws Exception {
        SchedulerConfig direct = TestBroker.config(TestBroker.uniqueNamespace(namespace), dataDir);
        SchedulerConfig config = direct.withBroker(direct.broker().withUri(TestBroker.uriVia(proxy.port())));
        BrokerSession session = BrokerSession.open(config, "jobladder-" + namespace + "-test", Clock.systemUTC());
        session.publisher().ensureWorkerQueue("ping");
        try (Channel channel = session.connection().createChannel()) {
            channel.queueDelete(config.topologyNames().workerQueue("ping"));
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
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
