package com.jobladder.internal.metrics;

import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.topology.TopologyNames;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Depths of the ladder's queues, the worker queues of the types this daemon handles, the dead-job
 * and the unrouted queue, read from the broker by passive declares (no management plugin) every
 * few seconds on a thread of its own, and kept for gauges and the dashboard. It uses the consuming
 * connection: under a memory or disk alarm the broker stops reading publishing connections, and a
 * declare there would hang.
 */
public final class QueueDepths implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final Connection connection;
    private final List<QueueDepth> queues;
    private final Map<String, QueueDepth> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    private Channel channel;

    QueueDepths(Connection connection, TopologyNames names, Collection<String> workerTypes) {
        this.connection = connection;
        this.queues = queuesOf(names, workerTypes);
        this.poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-queue-depths"));
    }

    private static List<QueueDepth> queuesOf(TopologyNames names, Collection<String> workerTypes) {
        List<QueueDepth> all = new ArrayList<>();
        for (int level = names.ladder().levels() - 1; level >= 0; level--) {
            for (int digit = 1; digit < names.ladder().radix(); digit++) {
                all.add(new QueueDepth(names.ladderQueue(level, digit), "ladder", level, digit, 0, 0, "not read yet"));
            }
        }
        for (String type : workerTypes) {
            all.add(new QueueDepth(names.workerQueue(type), "worker", -1, -1, 0, 0, "not read yet"));
        }
        all.add(new QueueDepth(names.deadQueue(), "dead", -1, -1, 0, 0, "not read yet"));
        all.add(new QueueDepth(names.unroutedQueue(), "unrouted", -1, -1, 0, 0, "not read yet"));
        return List.copyOf(all);
    }

    void bind(MeterRegistry registry) {
        for (QueueDepth queue : queues) {
            Gauge.builder("jobladder.queue.messages", () -> depth(queue.queue()).messages())
                    .description("Ready messages in a queue, by passive declare every " + INTERVAL.toSeconds() + " s")
                    .tag("queue", queue.queue())
                    .tag("role", queue.role())
                    .register(registry);
        }
    }

    void start() {
        poller.scheduleWithFixedDelay(this::pollSafely, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last reading of every queue, ladder first (top level first), then workers, dead, unrouted. */
    public List<QueueDepth> all() {
        return queues.stream().map(q -> depth(q.queue())).toList();
    }

    private QueueDepth depth(String queue) {
        QueueDepth read = latest.get(queue);
        return read != null
                ? read
                : queues.stream()
                        .filter(q -> q.queue().equals(queue))
                        .findFirst()
                        .orElseThrow();
    }

    /** Reads every queue now; the poller does this every few seconds. */
    public synchronized void poll() {
        for (QueueDepth queue : queues) {
            latest.put(queue.queue(), read(queue));
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn(
                    "Queue depths: reading them failed ({}); will try again in {} s",
                    e.getMessage(),
                    INTERVAL.toSeconds());
        }
    }

    /** A missing queue closes the channel (404): a fresh one is opened for the next. */
    private QueueDepth read(QueueDepth queue) {
        try {
            if (channel == null || !channel.isOpen()) {
                channel = connection.createChannel();
            }
            AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue.queue());
            return new QueueDepth(
                    queue.queue(),
                    queue.role(),
                    queue.level(),
                    queue.digit(),
                    ok.getMessageCount(),
                    ok.getConsumerCount(),
                    null);
        } catch (IOException | RuntimeException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return new QueueDepth(
                    queue.queue(),
                    queue.role(),
                    queue.level(),
                    queue.digit(),
                    0,
                    0,
                    why == null ? e.getClass().getSimpleName() : why);
        }
    }

    @Override
    public void close() {
        DaemonThreads.stopNow(poller, Duration.ofSeconds(5));
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                // Closing with its connection anyway.
            }
        }
    }
}
