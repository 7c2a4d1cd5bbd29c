package com.jobladder.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of the final approach, shared by every type of one worker: one timer thread that
 * only hands held jobs on at their instant (so no other task can make them late; the broker
 * client's confirm timeouts have a timer of their own), and a few threads for the audit
 * look-ups that held jobs make while they wait.
 */
final class HoldTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HoldTimer.class);
    private static final int LOOKUP_THREADS = 2;

    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService lookups;

    HoldTimer(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, WorkerDaemon.named("jobladder-hold-timer", new AtomicInteger()));
        // Held jobs that start or are handed back early cancel their tasks: free them at once.
        timer.setRemoveOnCancelPolicy(true);
        this.lookups = Executors.newFixedThreadPool(LOOKUP_THREADS,
                WorkerDaemon.named("jobladder-hold-lookup", new AtomicInteger()));
    }

    /** Runs {@code task} on the timer thread at {@code when} (at once if it has passed). */
    ScheduledFuture<?> at(Instant when, Runnable task) {
        long nanos = Math.max(0, Duration.between(clock.instant(), when).toNanos());
        return timer.schedule(() -> runLogged("timer", task), nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs a blocking look-up off the timer thread. */
    void lookUp(Runnable task) {
        lookups.execute(() -> runLogged("look-up", task));
    }

    Instant now() {
        return clock.instant();
    }

    /** A failing task must neither kill the thread that every held job depends on nor vanish unseen. */
    private static void runLogged(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.error("held-job {} task failed; the job stays unacked for the broker to redeliver if it is not"
                    + " handed on: {}", what, e.toString(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        lookups.shutdownNow();
    }
}
