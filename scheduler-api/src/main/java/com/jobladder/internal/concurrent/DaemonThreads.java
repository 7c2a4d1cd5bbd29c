package com.jobladder.internal.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads for JobLadder's own pools and loops: a thread dump says whose each one
 * is, and none of them keeps a JVM alive whose application has finished (stopping is the
 * owner's job, in its {@code close}).
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Every thread called {@code name}: for a pool of one, or a single loop. */
    public static ThreadFactory named(String name) {
        return runnable -> daemon(runnable, name);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, ...: for a pool of several. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> daemon(runnable, prefix + "-" + count.incrementAndGet());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
