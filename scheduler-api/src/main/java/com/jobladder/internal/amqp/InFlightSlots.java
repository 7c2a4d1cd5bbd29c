package com.jobladder.internal.amqp;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bound on what awaits the broker's confirm ({@code jobladder.broker.max-in-flight}): one more
 * waits for a slot, up to the confirm timeout, and is refused after, so that a producer faster
 * than the broker is slowed down instead of filling the heap.
 */
final class InFlightSlots {
    private final int max;
    private final Duration wait;
    private final Semaphore free;

    InFlightSlots(int max, Duration wait) {
        this.max = max;
        this.wait = wait;
        this.free = new Semaphore(max);
    }

    /** Null once a slot is taken, otherwise why none was (nothing may be sent then). */
    String acquire() {
        try {
            if (free.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
            return max + " jobs were already awaiting the broker's confirm and none was confirmed within "
                    + wait.toMillis() + " ms (jobladder.broker.max-in-flight,"
                    + " jobladder.broker.confirm-timeout): the broker is slower than the jobs offered; nothing was"
                    + " sent, retry later or raise jobladder.broker.max-in-flight";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for one of the " + max + " in-flight slots"
                    + " (jobladder.broker.max-in-flight); nothing was sent";
        }
    }

    void release() {
        free.release();
    }

    int inUse() {
        return max - free.availablePermits();
    }
}
