package com.jobladder.internal.engine;

import com.jobladder.internal.concurrent.Backoff;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.HandBackSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts how often this worker handed each message back to the broker, and runs the held
 * hand-backs on a timer of their own, so a delivery that cannot be settled waits without a
 * handler thread and does not come straight back. The count is kept per message id in memory
 * (a fresh, not redelivered delivery starts again at zero) and, on quorum queues, also read from
 * the broker's {@code x-delivery-count}, so it holds however a broker version counts requeues.
 */
final class HandBacks implements AutoCloseable {
    static final String DELIVERY_COUNT = "x-delivery-count";
    private static final Logger log = LoggerFactory.getLogger(HandBacks.class);
    /** Messages remembered at once; the oldest are forgotten first (their count then restarts). */
    private static final int REMEMBERED = 10_000;

    private final HandBackSettings settings;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<String, Integer> counts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    HandBacks(HandBackSettings settings) {
        this.settings = settings;
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.numbered("jobladder-hand-back"));
        timer.setRemoveOnCancelPolicy(true);
    }

    int limit() {
        return settings.limit();
    }

    /** Counts one more hand-back of this message and returns its number: 1 for the first. */
    int count(Delivery delivery) {
        String key = delivery.properties().getMessageId();
        int counted = 1;
        if (key != null) {
            synchronized (counts) {
                if (!delivery.redelivered()) {
                    counts.remove(key);
                }
                counted = counts.merge(key, 1, Integer::sum);
            }
        }
        return Math.max(counted, brokerCount(delivery) + 1);
    }

    /** Forgets a message once it is settled for good. */
    void forget(Delivery delivery) {
        String key = delivery.properties().getMessageId();
        if (key != null) {
            synchronized (counts) {
                counts.remove(key);
            }
        }
    }

    /** How long the n-th hand-back (or n-th try of a dead-job copy) waits: doubling from the base, capped. */
    Duration backoff(int n) {
        return Backoff.doubled(settings.backoffBase(), n - 1, settings.backoffCap());
    }

    /** Runs {@code step} after {@code wait}; a step that throws is logged, never lost in silence. */
    void after(Duration wait, Runnable step) {
        timer.schedule(
                () -> {
                    try {
                        step.run();
                    } catch (Throwable unexpected) {
                        log.error(
                                "A held delivery's next step failed unexpectedly; the broker redelivers it when its"
                                        + " channel closes",
                                unexpected);
                    }
                },
                wait.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The broker's count of earlier deliveries of this message ({@code x-delivery-count}), 0 when it sends none. */
    static int brokerCount(Delivery delivery) {
        Map<String, Object> headers = delivery.properties().getHeaders();
        Object count = headers == null ? null : headers.get(DELIVERY_COUNT);
        return count instanceof Number number
                ? (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, number.longValue()))
                : 0;
    }

    /** Drops the held hand-backs: their deliveries go back when the consuming channels close. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
