package com.jobladder.internal.outbox;

import com.jobladder.internal.amqp.JobPublisher;
import com.jobladder.internal.concurrent.Backoff;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.jdbc.SqlErrors;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's relay: one thread that runs {@link RelayPass}es on the outbox table. It looks at
 * once when told a transaction {@link #committed}; a few milliseconds after a row was
 * {@link #scheduled} and then at doubling intervals, so that a commit nobody announces is found
 * about as soon as it happens; and every poll interval otherwise, for rows a crashed process left
 * behind. While the broker or the database fails it backs off, and the rows wait in the table.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Rows one pass publishes in one transaction, pipelined. */
    public static final int BATCH_SIZE = 100;

    private static final long CHASE_START = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(5);
    /** Far enough ahead to mean "no look planned" without overflowing {@link System#nanoTime} arithmetic. */
    private static final long IDLE = TimeUnit.DAYS.toNanos(1);

    private final RelayPass pass;
    private final long pollNanos;
    private final Thread thread;
    private final Object lock = new Object();
    /** When the relay looks next, in {@link System#nanoTime}; guarded by {@link #lock}. */
    private long lookAt = System.nanoTime();
    /** The wait before the next look when a pass found nothing; guarded by {@link #lock}. */
    private long chase = CHASE_START;

    private volatile boolean running = true;

    private OutboxRelay(RelayPass pass, Duration pollInterval) {
        this.pass = pass;
        this.pollNanos = pollInterval.toNanos();
        this.thread = DaemonThreads.named("jobladder-outbox-relay").newThread(this::run);
    }

    /** Starts the relay's thread; its first pass runs at once, for rows an earlier process left. */
    public static OutboxRelay start(DataSource dataSource, JobPublisher publisher, Duration pollInterval) {
        OutboxRelay relay = new OutboxRelay(new RelayPass(dataSource, publisher, BATCH_SIZE), pollInterval);
        relay.thread.start();
        log.info("Outbox relay - started, polling every {} in batches of {}", pollInterval, BATCH_SIZE);
        return relay;
    }

    /** A row was written in a transaction not yet committed: look again soon, and sooner after each empty look. */
    public void scheduled() {
        synchronized (lock) {
            chase = CHASE_START;
            lookNoLaterThan(System.nanoTime() + CHASE_START);
        }
    }

    /** A transaction with rows committed: look now. */
    public void committed() {
        synchronized (lock) {
            chase = CHASE_START;
            lookNoLaterThan(System.nanoTime());
        }
    }

    private void lookNoLaterThan(long at) {
        if (at - lookAt < 0) {
            lookAt = at;
            lock.notifyAll();
        }
    }

    private void run() {
        try {
            int failures = 0;
            while (awaitTurn()) {
                long next;
                try {
                    RelayPass.Result result = pass.run();
                    if (result.failure() != null) {
                        failures++;
                        next = backoff(failures);
                        log.warn(
                                "Outbox relay - publishing failed: {}; {} rows published, the others wait in the"
                                        + " table, will retry in {} ms",
                                result.failure().getMessage(),
                                result.taken(),
                                TimeUnit.NANOSECONDS.toMillis(next));
                    } else {
                        failures = 0;
                        next = afterPass(result.picked());
                    }
                } catch (SQLException e) {
                    failures++;
                    next = backoff(failures);
                    log.warn(
                            "Outbox relay - cannot read or update jobladder_outbox: {}; rows wait in the table (if it"
                                    + " is missing, scheduler migrate --outbox-jdbc-url creates it), will retry in {} ms",
                            SqlErrors.describe(e),
                            TimeUnit.NANOSECONDS.toMillis(next));
                } catch (RuntimeException e) {
                    failures++;
                    next = backoff(failures);
                    log.error(
                            "Outbox relay - unexpected failure; rows wait in the table. Will keep running, next try in"
                                    + " {} ms",
                            TimeUnit.NANOSECONDS.toMillis(next),
                            e);
                }
                synchronized (lock) {
                    lookNoLaterThan(System.nanoTime() + next);
                }
            }
        } catch (Error e) {
            log.error("Outbox relay - stopped by {}; rows wait in the table for another relay or a restart", e, e);
            throw e;
        }
    }

    /** Right away while a full batch says more rows wait; after a look that found nothing, a longer wait each time. */
    private long afterPass(int picked) {
        if (picked >= pass.batchSize()) {
            return 0;
        }
        synchronized (lock) {
            if (picked > 0) {
                chase = CHASE_START;
                return CHASE_START;
            }
            long wait = chase;
            chase = Math.min(chase * 2, pollNanos);
            return Math.min(wait, pollNanos);
        }
    }

    private static long backoff(int failures) {
        return Backoff.doubled(BACKOFF_BASE, failures - 1, BACKOFF_CAP).toNanos();
    }

    /** Waits for the planned look; false once the relay is closed. */
    private boolean awaitTurn() {
        synchronized (lock) {
            while (running) {
                long wait = lookAt - System.nanoTime();
                if (wait <= 0) {
                    lookAt = System.nanoTime() + IDLE;
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, wait);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return false;
        }
    }

    /** Stops the thread, interrupting a pass under way (its transaction rolls back; its rows wait). Idempotent. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Outbox relay - stopped{}", thread.isAlive() ? ", its last pass still running" : "");
    }
}
