package com.jobladder.internal.engine;

import com.jobladder.internal.concurrent.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of the final approach, shared by every type of one worker: one timer thread that
 * only hands held jobs on at their instant (so no other task can make them late; the broker
 * client's confirm timeouts have a timer of their own).
 */
final class HoldTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HoldTimer.class);
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;

    HoldTimer(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.numbered("jobladder-hold-timer"));
        // Held jobs that start or are handed back early cancel their tasks: free them at once.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} on the timer thread at {@code when} (at once if it has passed). */
    ScheduledFuture<?> at(Instant when, Runnable task) {
        long nanos = Math.max(0, Duration.between(clock.instant(), when).toNanos());
        return timer.schedule(() -> runLogged(task), nanos, TimeUnit.NANOSECONDS);
    }

    Instant now() {
        return clock.instant();
    }

    /** A failing task must neither kill the thread that every held job depends on nor vanish unseen. */
    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            log.error(
                    "held-job timer task failed; the job stays unacked for the broker to redeliver if it is not"
                            + " handed on. Will keep running: {}",
                    e.toString(),
                    e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
