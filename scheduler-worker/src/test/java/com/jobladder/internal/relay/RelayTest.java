package com.jobladder.internal.relay;

import static com.jobladder.internal.relay.RelayedMessagesOnTheBroker.comparable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.DelayedMessage;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.deadjobs.DeadJob;
import com.jobladder.internal.deadjobs.DeadJobs;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.internal.relay.RelayedMessagesOnTheBroker.Received;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers publish with amqp-client to a delayed exchange with {@code x-delay}; a worker with
 * the relay on publishes each message to the target exchange when due, and a queue bound there
 * receives it intact.
 */
@Tag("integration")
class RelayTest {
    /** The machine these tests run on is loaded: a message may arrive this late without a defect. */
    private static final Duration LATE_AT_MOST = Duration.ofMillis(1500);

    @TempDir
    Path dataDir;

    private record Topology(String namespace, String delayed, String target, String queue) {
        static Topology fresh(String word) {
            String ns = TestBroker.uniqueNamespace(word);
            return new Topology(ns, ns + ".delayed", ns + ".orders", ns + ".orders-q");
        }

        SchedulerConfig config(Path dataDir, String extra) {
            return TestBroker.config(
                    namespace,
                    dataDir,
                    "jobladder.relay { enabled = true, exchanges = [{ name = \"" + delayed + "\", target = \"" + target
                            + "\" }] }\n" + extra);
        }

        /** The target exchange (topic) and a queue bound to it for every routing key. */
        void declareTarget(Channel channel) throws Exception {
            channel.exchangeDeclare(target, BuiltinExchangeType.TOPIC, false);
            channel.queueDeclare(queue, false, false, false, null);
            channel.queueBind(queue, target, "#");
        }
    }

    @Test
    void messagesPublishedWithXDelayReachTheBoundQueueAtTheirTimeWithRoutingKeyPropertiesAndBodyIntact()
            throws Exception {
        Topology topology = Topology.fresh("relay");
        SchedulerConfig config = topology.config(dataDir, "jobladder.worker.max-payload-bytes = 2097152\n");
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of());
                Connection connection = TestBroker.connect()) {
            Channel channel = connection.createChannel();
            topology.declareTarget(channel);
            BlockingQueue<Received> received = RelayedMessagesOnTheBroker.consume(channel, topology.queue());

            byte[] binary = new byte[256];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            byte[] mebibyte = new byte[1024 * 1024];
            new Random(7).nextBytes(mebibyte);
            Map<String, Object> nested = new HashMap<>();
            nested.put("inner", "value");
            nested.put("n", 7);
            Map<String, Object> richHeaders = new HashMap<>();
            richHeaders.put("text", "héllo");
            richHeaders.put("int", 42);
            richHeaders.put("long", 1L << 40);
            richHeaders.put("bool", true);
            richHeaders.put("decimal", new BigDecimal("12.34"));
            richHeaders.put("double", 2.5d);
            richHeaders.put("bytes", new byte[] {0, 1, (byte) 255});
            richHeaders.put("table", nested);
            richHeaders.put("array", List.of("a", 1, false));
            richHeaders.put("when", new Date(1_700_000_000_000L));

            List<Sent> sent = new ArrayList<>();
            sent.add(new Sent("order.created", 1500, props(Map.of("x-delay", 1500)), binary));
            sent.add(new Sent("order.text-delay", 2500, props(Map.of("x-delay", "2500")), "text".getBytes()));
            sent.add(new Sent("order.long-delay", 800, props(Map.of("x-delay", 800L)), new byte[0]));
            sent.add(new Sent("order.big", 1200, props(Map.of("x-delay", 1200)), mebibyte));
            sent.add(new Sent("order.now", 0, props(null), "no header".getBytes()));
            sent.add(new Sent("order.negative", 0, props(Map.of("x-delay", -5000)), "negative".getBytes()));
            Map<String, Object> withDelay = new HashMap<>(richHeaders);
            withDelay.put("x-delay", 2000);
            sent.add(new Sent(
                    "order.rich",
                    2000,
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/octet-stream")
                            .contentEncoding("gzip")
                            .headers(withDelay)
                            .deliveryMode(2)
                            .priority(3)
                            .correlationId("corr-1")
                            .replyTo("reply-here")
                            .expiration("600000")
                            .messageId("producer-id-1")
                            .timestamp(new Date(1_700_000_000_000L))
                            .type("order")
                            .userId("guest")
                            .appId("shop")
                            .build(),
                    binary));

            Map<String, Long> sentAt = new HashMap<>();
            for (Sent message : sent) {
                sentAt.put(message.routingKey(), System.currentTimeMillis());
                channel.basicPublish(topology.delayed(), message.routingKey(), message.properties(), message.body());
            }

            List<Received> arrived = RelayedMessagesOnTheBroker.take(received, sent.size(), Duration.ofSeconds(30));
            Map<String, Received> byKey = new HashMap<>();
            arrived.forEach(message -> byKey.put(message.routingKey(), message));
            assertThat(byKey).hasSize(sent.size());
            for (Sent message : sent) {
                Received got = byKey.get(message.routingKey());
                assertThat(comparable(got.properties()))
                        .as("properties of %s", message.routingKey())
                        .isEqualTo(comparable(message.properties()));
                assertThat(got.body()).as("body of %s", message.routingKey()).isEqualTo(message.body());
                long late = got.atMillis() - sentAt.get(message.routingKey()) - message.delayMillis();
                assertThat(late)
                        .as("%s arrived %d ms after its due time", message.routingKey(), late)
                        .isBetween(0L, LATE_AT_MOST.toMillis());
            }
            Thread.sleep(500); // nothing arrives twice
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aMissingTargetOrBindingOrAMalformedDelayMakesTheMessageDeadWithItsReasonAndTheRelayCarriesOn()
            throws Exception {
        Topology topology = Topology.fresh("relay-dead");
        SchedulerConfig config = topology.config(dataDir, "");
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of());
                Connection connection = TestBroker.connect();
                BrokerSession session = BrokerSession.open(config, "test-relay-dead", Clock.systemUTC())) {
            Channel channel = connection.createChannel();
            channel.basicPublish(topology.delayed(), "no.exchange", props(Map.of("x-delay", 300)), "a".getBytes());
            Poll.until(
                    Duration.ofSeconds(20),
                    () -> deadJobs(session, config).size() == 1,
                    () -> "one dead job, got " + deadJobs(session, config));

            topology.declareTarget(channel);
            channel.queueUnbind(topology.queue(), topology.target(), "#");
            channel.basicPublish(topology.delayed(), "no.binding", props(Map.of("x-delay", 300)), "b".getBytes());
            channel.basicPublish(topology.delayed(), "bad.delay", props(Map.of("x-delay", "soon")), "c".getBytes());
            Poll.until(
                    Duration.ofSeconds(20),
                    () -> deadJobs(session, config).size() == 3,
                    () -> "three dead jobs, got " + deadJobs(session, config));

            List<String> reasons =
                    deadJobs(session, config).stream().map(DeadJob::reason).toList();
            assertThat(reasons)
                    .anySatisfy(reason -> assertThat(reason)
                            .contains("target exchange \"" + topology.target() + "\"")
                            .contains("404"))
                    .anySatisfy(reason -> assertThat(reason)
                            .contains("unroutable")
                            .contains("\"" + topology.target() + "\"")
                            .contains("no.binding"))
                    .anySatisfy(reason -> assertThat(reason)
                            .contains("x-delay")
                            .contains("soon")
                            .contains(topology.target()));

            channel.queueBind(topology.queue(), topology.target(), "#");
            BlockingQueue<Received> received = RelayedMessagesOnTheBroker.consume(channel, topology.queue());
            channel.basicPublish(topology.delayed(), "fine", props(Map.of("x-delay", 300)), "d".getBytes());
            assertThat(RelayedMessagesOnTheBroker.take(received, 1, Duration.ofSeconds(20)))
                    .singleElement()
                    .satisfies(message -> assertThat(message.body()).isEqualTo("d".getBytes()));
            assertThat(worker.meterRegistry()
                            .get("jobladder.relay.messages")
                            .tag("target", topology.target())
                            .tag("outcome", "dead")
                            .counters())
                    .extracting(counter -> counter.getId().getTag("reason") + "=" + (long) counter.count())
                    .containsExactlyInAnyOrder("undeliverable=2", "malformed=1");
        }
    }

    @Test
    void messagesWithDifferentDueInstantsLeaveInDueOrder() throws Exception {
        Topology topology = Topology.fresh("relay-order");
        SchedulerConfig config = topology.config(dataDir, "");
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of());
                Connection connection = TestBroker.connect()) {
            Channel channel = connection.createChannel();
            topology.declareTarget(channel);
            BlockingQueue<Received> received = RelayedMessagesOnTheBroker.consume(channel, topology.queue());
            // One message through first: the relay's channels are open and its code warm before the ones that count.
            channel.basicPublish(topology.delayed(), "k", props(null), "warm-up".getBytes());
            RelayedMessagesOnTheBroker.take(received, 1, Duration.ofSeconds(20));
            int count = 30;
            long[] dueAt = new long[count];
            // Published in reverse due order, about 100 ms apart in due time, all long before the first is due: each
            // reaches the worker within the final window, and they must leave due-first. A due instant is fixed when
            // the relay takes the message in: the gap covers how much that moment varies from one message to the
            // next on a loaded machine.
            for (int i = 0; i < count; i++) {
                int delay = 6000 - 101 * i;
                dueAt[i] = System.currentTimeMillis() + delay;
                channel.basicPublish(
                        topology.delayed(),
                        "k",
                        props(Map.of("x-delay", delay)),
                        String.valueOf(i).getBytes());
                Thread.sleep(1);
            }
            List<Received> arrived = RelayedMessagesOnTheBroker.take(received, count, Duration.ofSeconds(30));
            List<Integer> order = arrived.stream()
                    .map(message -> Integer.parseInt(new String(message.body())))
                    .toList();
            List<String> lateness = arrived.stream()
                    .map(message -> {
                        int i = Integer.parseInt(new String(message.body()));
                        return i + ":" + (message.atMillis() - dueAt[i]) + "ms";
                    })
                    .toList();
            List<Integer> dueOrder = new ArrayList<>();
            for (int i = count - 1; i >= 0; i--) {
                dueOrder.add(i);
            }
            assertThat(order).as("order and lateness %s", lateness).isEqualTo(dueOrder);
        }
    }

    @Test
    void aMessageDelayedFromJavaIsConfirmedAndReachesTheTargetAtItsTime() throws Exception {
        Topology topology = Topology.fresh("relay-java");
        SchedulerConfig config = topology.config(dataDir, "");
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of());
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build();
                Connection connection = TestBroker.connect()) {
            Channel channel = connection.createChannel();
            topology.declareTarget(channel);
            BlockingQueue<Received> received = RelayedMessagesOnTheBroker.consume(channel, topology.queue());

            long sentAt = System.currentTimeMillis();
            scheduler.delay(DelayedMessage.to(topology.delayed(), "invoice.due")
                    .body(new byte[] {1, 2, 3}, "application/octet-stream")
                    .messageId("invoice-7")
                    .header("tenant", "acme")
                    .after(Duration.ofMillis(1500)));

            Received message = RelayedMessagesOnTheBroker.take(received, 1, Duration.ofSeconds(20))
                    .get(0);
            assertThat(message.routingKey()).isEqualTo("invoice.due");
            assertThat(message.body()).containsExactly(1, 2, 3);
            assertThat(message.properties().getMessageId()).isEqualTo("invoice-7");
            assertThat(message.properties().getContentType()).isEqualTo("application/octet-stream");
            assertThat(message.properties().getHeaders().get("tenant").toString())
                    .isEqualTo("acme");
            assertThat(message.atMillis() - sentAt - 1500).isBetween(0L, LATE_AT_MOST.toMillis());

            assertThatThrownBy(() -> scheduler.delay(DelayedMessage.to(topology.namespace() + ".no-such", "k")
                            .after(Duration.ofSeconds(1))))
                    .isInstanceOf(ScheduleFailedException.class)
                    .hasMessageContaining("404");
        }
    }

    private static List<DeadJob> deadJobs(BrokerSession session, SchedulerConfig config) {
        try {
            return new DeadJobs(session.connection(), session.publisher(), config, Clock.systemUTC()).list(100);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Sent(String routingKey, long delayMillis, AMQP.BasicProperties properties, byte[] body) {}

    private static AMQP.BasicProperties props(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }
}
