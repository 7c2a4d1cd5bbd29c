package com.jobladder.bench;

import com.jobladder.api.ContentTypes;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.QueueType;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Submitting one job at a time from one thread, each call waiting for the broker's confirm:
 * JobLadder's {@code schedule}, and the raw broker doing the same (plain amqp-client: a
 * persistent 300-byte message, mandatory, into a queue of the ladder's queue type, then
 * {@code waitForConfirmsOrDie}). Their latencies side by side say what JobLadder adds to one
 * confirmed publish.
 */
final class OneByOne {
    static final int PAYLOAD_BYTES = 300;
    private static final long MAX_MICROS = 3_600_000_000L;

    private OneByOne() {
    }

    /** {@code jobs} calls of {@code schedule}, each due in an hour; latency per call in microseconds. */
    static Histogram schedule(JobScheduler scheduler, String type, int jobs) {
        Histogram micros = new Histogram(MAX_MICROS, 3);
        byte[] payload = new byte[PAYLOAD_BYTES];
        for (int i = 0; i < jobs; i++) {
            JobRequest job = JobRequest.ofType(type).payload(payload, ContentTypes.BYTES)
                    .after(Duration.ofHours(1));
            long start = System.nanoTime();
            scheduler.schedule(job);
            micros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
        }
        return micros;
    }

    /**
     * {@code messages} raw publishes, each waiting for its confirm, into a queue of the ladder's
     * type declared for the purpose and deleted afterwards; latency per publish in microseconds.
     */
    static Histogram rawConfirm(SchedulerConfig config, int messages) throws Exception {
        Histogram micros = new Histogram(MAX_MICROS, 3);
        String queue = "bench-raw-confirm-" + UUID.randomUUID().toString().substring(0, 8);
        String queueType = config.ladder().queueType() == QueueType.QUORUM ? "quorum" : "classic";
        try (Connection connection = BrokerConnections.open(config.broker(), "jobladder-bench-raw-confirm");
             Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", queueType));
            channel.confirmSelect();
            AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
            byte[] body = new byte[PAYLOAD_BYTES];
            try {
                for (int i = 0; i < messages; i++) {
                    long start = System.nanoTime();
                    channel.basicPublish("", queue, true, persistent, body);
                    channel.waitForConfirmsOrDie(60_000);
                    micros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                }
            } finally {
                channel.queueDelete(queue);
            }
        }
        return micros;
    }

    /** Both, in alternating rounds (so that the machine's mood hits both alike), {@code n} calls each. */
    static Comparison compare(JobScheduler scheduler, String type, SchedulerConfig config, int n) throws Exception {
        Histogram schedule = new Histogram(MAX_MICROS, 3);
        Histogram raw = new Histogram(MAX_MICROS, 3);
        int rounds = 4;
        for (int round = 0; round < rounds; round++) {
            raw.add(rawConfirm(config, n / rounds));
            schedule.add(schedule(scheduler, type, n / rounds));
        }
        return new Comparison(schedule, raw);
    }

    record Comparison(Histogram schedule, Histogram raw) {
        double p99Ratio() {
            return schedule.getValueAtPercentile(99) / (double) Math.max(1, raw.getValueAtPercentile(99));
        }

        List<String> describe() {
            return List.of(String.format("`schedule` one by one, 1 thread: p50 %.2f ms, p99 %.2f ms (%,d calls)",
                            schedule.getValueAtPercentile(50) / 1000.0, schedule.getValueAtPercentile(99) / 1000.0,
                            schedule.getTotalCount()),
                    String.format("raw publish + wait for confirm, 1 thread: p50 %.2f ms, p99 %.2f ms (%,d publishes)",
                            raw.getValueAtPercentile(50) / 1000.0, raw.getValueAtPercentile(99) / 1000.0,
                            raw.getTotalCount()),
                    String.format("`schedule` p99 / raw p99 = %.2f", p99Ratio()));
        }
    }
}
