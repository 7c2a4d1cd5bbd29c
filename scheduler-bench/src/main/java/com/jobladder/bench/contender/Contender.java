package com.jobladder.bench.contender;

import com.jobladder.bench.measure.Probe;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A scheduler under test: it accepts a job durably ({@link #submit} returns once the job is
 * stored) and, when the job is due, runs a no-op handler that reports to the {@link Probe} and
 * writes one audit row.
 */
public interface Contender extends AutoCloseable {
    String name();

    /** The settings it runs with, for the output. */
    String settings();

    void start() throws Exception;

    /**
     * Submits a job; the future completes once the job is stored durably (failed if it was not).
     * A system without an asynchronous submit stores it before returning a completed future.
     */
    CompletableFuture<?> submit(String id, byte[] payload, Instant dueAt) throws Exception;

    /**
     * Where the system can tell, how late its jobs reached the worker over the whole run (the
     * broker's part of their lateness), as a line for the output; otherwise null.
     */
    default String lateArrivals() {
        return null;
    }

    @Override
    void close();
}
