package com.jobladder.internal.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The audit database's own clock, which the workers sharing it keep time by. */
public interface DatabaseClock {
    /**
     * Whether the database runs apart from the workers and its clock is a reference they share:
     * true for PostgreSQL, false for H2 (embedded: the worker's own host).
     */
    boolean sharedClock();

    /**
     * Reads the database's clock {@code rounds} times on one connection, each read between two
     * readings of {@code local}.
     */
    List<ClockRead> readClock(Clock local, int rounds);

    /** Saves {@code clock} as its worker's row, replacing the one before. */
    void saveWorkerClock(WorkerClock clock);

    /** Deletes the row of a worker that stops. */
    void deleteWorkerClock(String workerId);

    /** The rows of every worker, by worker id. */
    List<WorkerClock> workerClocks();

    /**
     * A worker's last measurement, as {@code scheduler status} lists it.
     *
     * @param offset     how far the database's clock is ahead of the worker's (negative: the worker's is fast)
     * @param measuredAt by the worker's corrected clock
     */
    record WorkerClock(String workerId, String state, Duration offset, Duration bound, Instant measuredAt) {}

    /**
     * One round trip: {@code sent} and {@code received} by the local clock, {@code database} by the
     * database's, read in between.
     */
    record ClockRead(Instant sent, Instant database, Instant received) {}
}
