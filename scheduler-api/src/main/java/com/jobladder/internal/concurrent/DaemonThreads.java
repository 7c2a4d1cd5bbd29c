package com.jobladder.internal.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads for JobLadder's own pools and loops: a thread dump says whose each one
 * is, and none of them keeps a JVM alive whose application has finished (stopping is the
 * owner's job, in its {@code close}).
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Every thread called {@code name}: for a pool of one, or a single loop. */
    public static ThreadFactory named(String name) {
        return runnable -> daemon(runnable, name);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, ...: for a pool of several. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> daemon(runnable, prefix + "-" + count.incrementAndGet());
    }

    /**
     * Interrupts a poller's loop and waits up to {@code patience} for it to end, so that a close does not
     * return while a poll still uses what the caller closes next; keeps the caller's interrupt.
     */
    public static void stopNow(ExecutorService poller, Duration patience) {
        poller.shutdownNow();
        try {
            poller.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
