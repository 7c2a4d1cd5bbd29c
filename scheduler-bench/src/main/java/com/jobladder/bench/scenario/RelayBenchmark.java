package com.jobladder.bench.scenario;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.bench.measure.ProcessCpu;
import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.setup.BenchNamespace;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.DelayedExchange;
import com.jobladder.internal.config.RelaySettings;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.internal.relay.Relay;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Delayed messages through the relay at steady rates, beside the raw broker in the same run:
 * one producer publishes, each millisecond at 1,000/s, one message with {@code x-delay} (1-10 s)
 * to a delayed exchange and one straight to the target exchange. A consumer of the target's
 * queue notes how late each relayed message arrived after its publish plus its delay, and how
 * long each raw one took from publish to arrival. Only messages due (relayed) or sent (raw) in
 * the steady window count: after the longest delay, when as many fall due as are published. On
 * a private node the node's CPU over the window is read from {@code /proc}, per relayed message.
 */
@Command(
        name = "relay",
        mixinStandardHelpOptions = true,
        description = "Delayed messages through the relay at a steady rate: lateness beside the raw broker.")
public final class RelayBenchmark implements Callable<Integer> {
    private static final long MIN_DELAY_MS = 1_000;
    private static final long MAX_DELAY_MS = 10_000;
    private static final int BODY_BYTES = 300;

    @Mixin
    BenchOptions options;

    @Option(
            names = "--rates",
            split = ",",
            description = "Relayed messages per second, one run each (default 1000; quick 200,1000).")
    List<Integer> rates;

    @Option(
            names = "--no-raw",
            description = "Publish only the delayed messages: the node's CPU is then the relay's alone.")
    boolean noRaw;

    @Option(names = "--seconds", description = "How long the producer publishes (default 60; quick 30).")
    Integer seconds;

    @Override
    public Integer call() throws Exception {
        int duration = seconds != null ? seconds : options.quick ? 30 : 60;
        List<Integer> sweep = rates != null ? rates : options.quick ? List.of(200, 1000) : List.of(1000);
        System.out.println("== relay: " + Environment.describe(options));
        System.out.println("broker: " + options.brokerDescription());
        System.out.printf(
                "workload: %s relayed messages/s, one run each, for %d s with x-delay uniform %d-%d ms%s; %d-byte"
                        + " bodies; one worker with the relay; steady window: due (relayed) or sent (raw) from %d s"
                        + " after the first publish to the last%n",
                sweep,
                duration,
                MIN_DELAY_MS,
                MAX_DELAY_MS,
                noRaw ? "" : ", and as many straight to the target (the raw broker)",
                BODY_BYTES,
                MAX_DELAY_MS / 1000);
        ResultTable table = new ResultTable(
                "relay",
                "path",
                "rate/s",
                "messages",
                "p50 ms",
                "p99 ms",
                "max ms",
                "not arrived",
                "broker cores",
                "broker CPU ms per relayed message");
        try (BenchOptions.BrokerTarget broker = options.openBroker()) {
            SchedulerConfig base = broker.apply(ConfigLoader.load(options.conf));
            OptionalLong brokerPid = broker.node() == null
                    ? OptionalLong.empty()
                    : OptionalLong.of(broker.node().osPid());
            for (int rate : sweep) {
                String prefix = "bench-relay-" + Long.toHexString(System.nanoTime());
                DelayedExchange exchange = new DelayedExchange(prefix + ".delayed", prefix + ".target");
                try (BenchNamespace namespace = BenchNamespace.of(base, exchange.jobType())) {
                    SchedulerConfig config = namespace.config().withRelay(new RelaySettings(true, List.of(exchange)));
                    run(config, exchange, prefix + ".queue", rate, duration, brokerPid, table);
                }
            }
        }
        table.publish(options.out);
        return 0;
    }

    private void run(
            SchedulerConfig config,
            DelayedExchange exchange,
            String queue,
            int rate,
            int duration,
            OptionalLong brokerPid,
            ResultTable table)
            throws Exception {
        WorkerDaemon worker = Guice.createInjector(Stage.PRODUCTION, new WorkerModule(config, Clock.systemUTC()))
                .getInstance(WorkerDaemon.class);
        worker.start();
        // Producer and consumer on connections of their own: the broker's flow control of a publishing connection
        // must not slow the consumer that measures.
        try (Connection connection = BrokerConnections.open(config.broker(), "jobladder-bench-relay-consumer");
                Connection publishing = BrokerConnections.open(config.broker(), "jobladder-bench-relay-producer")) {
            Channel setup = connection.createChannel();
            setup.exchangeDeclare(exchange.target(), BuiltinExchangeType.DIRECT, false);
            setup.queueDeclare(queue, false, false, false, null);
            setup.queueBind(queue, exchange.target(), "k");

            long start = System.currentTimeMillis();
            long windowFrom = start + MAX_DELAY_MS;
            long windowTo = start + duration * 1000L;
            Histogram relayed = new ConcurrentHistogram(3);
            Histogram raw = new ConcurrentHistogram(3);
            AtomicLong relayedInWindow = new AtomicLong();
            AtomicLong rawInWindow = new AtomicLong();
            Channel consumer = connection.createChannel();
            consumer.basicQos(1000);
            consumer.basicConsume(
                    queue,
                    true,
                    (tag, delivery) -> {
                        long now = System.currentTimeMillis();
                        ByteBuffer body = ByteBuffer.wrap(delivery.getBody());
                        long sentAt = body.getLong();
                        long delay = body.getLong();
                        long due = sentAt + delay;
                        if (delay < 0 && sentAt >= windowFrom && sentAt <= windowTo) {
                            raw.recordValue(Math.max(0, now - sentAt));
                        } else if (delay >= 0 && due >= windowFrom && due <= windowTo) {
                            relayed.recordValue(Math.max(0, now - due));
                        }
                    },
                    tag -> {});

            Channel producer = publishing.createChannel();
            long intervalNanos = 1_000_000_000L / rate;
            long firstNanos = System.nanoTime();
            long total = (long) rate * duration;
            long brokerCpuAtWindow = -1;
            for (long i = 0; i < total; i++) {
                LockSupport.parkNanos(firstNanos + i * intervalNanos - System.nanoTime());
                long sentAt = System.currentTimeMillis();
                if (brokerCpuAtWindow < 0 && sentAt >= windowFrom) {
                    brokerCpuAtWindow = brokerCpu(brokerPid);
                }
                long delay = ThreadLocalRandom.current().nextLong(MIN_DELAY_MS, MAX_DELAY_MS + 1);
                producer.basicPublish(
                        exchange.name(),
                        "k",
                        new AMQP.BasicProperties.Builder()
                                .headers(Map.of("x-delay", delay))
                                .build(),
                        body(sentAt, delay));
                if (!noRaw) {
                    producer.basicPublish(exchange.target(), "k", null, body(sentAt, -1));
                }
                if (sentAt + delay >= windowFrom && sentAt + delay <= windowTo) {
                    relayedInWindow.incrementAndGet();
                }
                if (!noRaw && sentAt >= windowFrom && sentAt <= windowTo) {
                    rawInWindow.incrementAndGet();
                }
            }
            // Over the window the node does in steady state what one second of publishing brings: the hops of the
            // messages due then, as many as were published.
            long brokerCpuInWindow = brokerCpu(brokerPid) - brokerCpuAtWindow;
            double windowSeconds = (System.currentTimeMillis() - windowFrom) / 1000.0;
            // The last messages due in the window are due at its end; give them the longest delay and a margin.
            long deadline = System.currentTimeMillis() + MAX_DELAY_MS + 10_000;
            while (System.currentTimeMillis() < deadline
                    && (relayed.getTotalCount() < relayedInWindow.get() || raw.getTotalCount() < rawInWindow.get())) {
                Thread.sleep(200);
            }
            String cores = brokerCpuAtWindow < 0 ? "" : String.format("%.2f", brokerCpuInWindow / 1e9 / windowSeconds);
            String perMessage = brokerCpuAtWindow < 0
                    ? ""
                    : String.format("%.3f", brokerCpuInWindow / 1e6 / (rate * windowSeconds));
            table.add(row("relay (x-delay)", rate, relayed, relayedInWindow.get(), cores, perMessage));
            if (!noRaw) {
                table.add(row("raw broker", rate, raw, rawInWindow.get(), "", ""));
            }
            // The worker first, so that nothing it still relays meets a deleted target.
            worker.stop();
            setup.queueDelete(queue);
            setup.queueDelete(Relay.intakeQueue(config.topologyNames(), exchange));
            setup.exchangeDelete(exchange.name());
            setup.exchangeDelete(exchange.target());
        } finally {
            worker.stop();
        }
    }

    /** The broker node's CPU so far in nanoseconds, or -1 without a private node. */
    private static long brokerCpu(OptionalLong brokerPid) {
        return brokerPid.isPresent() ? ProcessCpu.ofPid(brokerPid.getAsLong()) : -1;
    }

    private static Object[] row(
            String path, int rate, Histogram lateness, long expected, String brokerCores, String cpuPerMessage) {
        System.out.printf(
                "  %s at %,d/s: %,d of %,d arrived; p50 %d ms, p99 %d ms, max %d ms%s%n",
                path,
                rate,
                lateness.getTotalCount(),
                expected,
                lateness.getValueAtPercentile(50),
                lateness.getValueAtPercentile(99),
                lateness.getMaxValue(),
                brokerCores.isEmpty()
                        ? ""
                        : "; broker " + brokerCores + " cores, " + cpuPerMessage + " ms CPU per relayed message");
        return new Object[] {
            path,
            rate,
            lateness.getTotalCount(),
            lateness.getValueAtPercentile(50),
            lateness.getValueAtPercentile(99),
            lateness.getMaxValue(),
            Math.max(0, expected - lateness.getTotalCount()),
            brokerCores,
            cpuPerMessage
        };
    }

    private static byte[] body(long sentAt, long delay) {
        return ByteBuffer.allocate(BODY_BYTES).putLong(sentAt).putLong(delay).array();
    }
}
