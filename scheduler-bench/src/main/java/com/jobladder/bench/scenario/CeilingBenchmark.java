package com.jobladder.bench.scenario;

import com.jobladder.bench.report.ResultTable;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.bench.setup.Environment;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.config.ConfigLoader;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenario 1, the ceiling: plain amqp-client, no JobLadder code. Persistent 300-byte messages
 * published with pipelined publisher confirms into a quorum queue and consumed with manual acks;
 * then the same through K dead-letter hops (quorum queues with x-message-ttl 1 ms and
 * at-least-once dead-lettering, like ladder rungs). Each K runs flat out (throughput) and paced
 * (latency without a backlog).
 */
@Command(
        name = "ceiling",
        mixinStandardHelpOptions = true,
        description = "The raw broker: persistent + confirms + manual ack, one quorum queue, then K dead-letter hops.")
public final class CeilingBenchmark implements Callable<Integer> {
    private static final int CONFIRM_WINDOW = 2_000;
    private static final int PREFETCH = 1_000;

    @Mixin
    BenchOptions options;

    @Option(names = "--messages", description = "Messages per flat-out run (default 100000; quick 10000).")
    Integer messages;

    @Option(names = "--hops", split = ",", description = "Dead-letter hops to try (default 0,1,3,8; quick 0,1,3).")
    List<Integer> hops;

    @Option(names = "--paced-rate", defaultValue = "2000", description = "Messages/s of the paced (latency) runs.")
    int pacedRate;

    @Override
    public Integer call() throws Exception {
        int n = messages != null ? messages : options.quick ? 10_000 : 100_000;
        List<Integer> hopList = hops != null ? hops : options.quick ? List.of(0, 1, 3) : List.of(0, 1, 3, 8);
        int pacedSeconds = options.quick ? 3 : 15;
        System.out.println("== ceiling: " + Environment.describe(options));
        System.out.println("broker: " + options.brokerDescription());
        System.out.printf(
                "workload: persistent 300-byte messages, publisher confirms (window %d in flight), one"
                        + " publishing channel, one consumer (prefetch %d, manual ack); flat out: %,d messages; paced:"
                        + " %d msg/s for %d s; hops: quorum queues with x-message-ttl 1 ms, at-least-once"
                        + " dead-lettering%n",
                CONFIRM_WINDOW, PREFETCH, n, pacedRate, pacedSeconds);
        ResultTable table = new ResultTable(
                "ceiling",
                "hops",
                "run",
                "messages",
                "msg/s",
                "enqueues/s",
                "latency p50 ms",
                "latency p99 ms",
                "latency max ms");
        try (BenchOptions.BrokerTarget broker = options.openBroker();
                Connection connection = BrokerConnections.open(
                        broker.apply(ConfigLoader.load(options.conf)).broker(), "jobladder-bench-ceiling")) {
            for (int k : hopList) {
                Run flat = run(connection, k, n, 0);
                table.add(
                        k,
                        "flat out",
                        n,
                        flat.rate,
                        flat.rate * (k + 1),
                        flat.latency.getValueAtPercentile(50) / 1000.0,
                        flat.latency.getValueAtPercentile(99) / 1000.0,
                        flat.latency.getMaxValue() / 1000.0);
                Run paced = run(connection, k, pacedRate * pacedSeconds, pacedRate);
                table.add(
                        k,
                        "paced " + pacedRate + "/s",
                        pacedRate * pacedSeconds,
                        paced.rate,
                        paced.rate * (k + 1),
                        paced.latency.getValueAtPercentile(50) / 1000.0,
                        paced.latency.getValueAtPercentile(99) / 1000.0,
                        paced.latency.getMaxValue() / 1000.0);
            }
        }
        table.publish(options.out);
        return 0;
    }

    record Run(double rate, Histogram latency) {}

    /**
     * Latency in microseconds from publish to delivery at the consumer; rate = messages / (last
     * delivery - first publish). Flat out ({@code rate} 0) this is the broker's ceiling, which the
     * schedulers scenario also measures.
     */
    Run run(Connection connection, int hopCount, int n, int rate) throws Exception {
        String prefix = "bench-ceiling-" + UUID.randomUUID().toString().substring(0, 8);
        Channel admin = connection.createChannel();
        String last = prefix + ".q0";
        admin.queueDeclare(last, true, false, false, Map.of("x-queue-type", "quorum"));
        String entry = last;
        for (int h = 1; h <= hopCount; h++) {
            String q = prefix + ".hop" + h;
            Map<String, Object> args = new HashMap<>();
            args.put("x-queue-type", "quorum");
            args.put("x-message-ttl", 1);
            args.put("x-dead-letter-exchange", "");
            args.put("x-dead-letter-routing-key", entry);
            args.put("x-dead-letter-strategy", "at-least-once");
            args.put("x-overflow", "reject-publish");
            admin.queueDeclare(q, true, false, false, args);
            entry = q;
        }
        Histogram latency = new Histogram(3_600_000_000L, 3);
        CountDownLatch done = new CountDownLatch(n);
        AtomicLong lastDelivery = new AtomicLong();
        Channel consumer = connection.createChannel();
        consumer.basicQos(PREFETCH);
        consumer.basicConsume(last, false, new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws java.io.IOException {
                long now = System.nanoTime();
                latency.recordValue(Math.max(1, (now - (Long) props.getHeaders().get("t")) / 1_000));
                lastDelivery.set(now);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
                done.countDown();
            }
        });
        Channel publisher = connection.createChannel();
        publisher.confirmSelect();
        Semaphore window = new Semaphore(CONFIRM_WINDOW);
        publisher.addConfirmListener((tag, multiple) -> release(window, publisher, tag, multiple), (tag, multiple) -> {
            throw new IllegalStateException("broker nacked a ceiling message");
        });
        byte[] body = new byte[300];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (rate > 0) {
                long wait = start + (long) i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            window.acquire();
            synchronized (outstanding) {
                outstanding.put(publisher.getNextPublishSeqNo(), 1);
            }
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .deliveryMode(2)
                    .headers(Map.of("t", System.nanoTime()))
                    .build();
            publisher.basicPublish("", entry, props, body);
            if (i % 5_000 == 0) {
                System.out.printf(
                        "\r  hops %d %s: published %d / %d, delivered %d   ",
                        hopCount, rate > 0 ? "paced" : "flat out", i, n, n - done.getCount());
                System.out.flush();
            }
        }
        if (!done.await(300, TimeUnit.SECONDS)) {
            System.err.println("ceiling: only " + (n - done.getCount()) + " of " + n + " delivered within 300 s");
        }
        System.out.println();
        double seconds = (lastDelivery.get() - start) / 1e9;
        for (int h = hopCount; h >= 1; h--) {
            admin.queueDelete(prefix + ".hop" + h);
        }
        admin.queueDelete(last);
        publisher.close();
        consumer.close();
        admin.close();
        synchronized (outstanding) {
            outstanding.clear();
        }
        return new Run((n - done.getCount()) / seconds, latency);
    }

    private final java.util.TreeMap<Long, Integer> outstanding = new java.util.TreeMap<>();

    private void release(Semaphore window, Channel channel, long tag, boolean multiple) {
        int released;
        synchronized (outstanding) {
            if (multiple) {
                var head = outstanding.headMap(tag, true);
                released = head.size();
                head.clear();
            } else {
                released = outstanding.remove(tag) == null ? 0 : 1;
            }
        }
        window.release(released);
    }
}
