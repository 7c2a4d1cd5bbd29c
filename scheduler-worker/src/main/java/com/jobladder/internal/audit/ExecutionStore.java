package com.jobladder.internal.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** What a worker asks of the audit store around one run: may it run, is it running, may its schedule overlap. */
public interface ExecutionStore {

    /** What a worker must know before it runs a job, in one round trip. */
    Precheck precheck(String jobId);

    /**
     * {@link #precheck} for many jobs in one round trip (a worker's held jobs coming due
     * together). Every id given is in the answer.
     */
    Map<String, Precheck> precheckAll(Collection<String> jobIds);

    /** Marks a job as running (a handler busy for a while), so status says RUNNING. */
    void markRunning(String jobId, int attempt, String workerId, Instant startedAt);

    /** Removes the running mark, if any. */
    void clearRunning(String jobId);

    /**
     * Takes the run lock of a schedule for {@code jobId} until {@code expiresAt} (overlap =
     * forbid). An expired lock is taken over. Returns false while another job holds it.
     */
    boolean tryLockSchedule(String scheduleName, String jobId, String workerId, Instant now, Instant expiresAt);

    /** Releases the run lock if {@code jobId} holds it. */
    void unlockSchedule(String scheduleName, String jobId);

    enum Precheck {
        /** Neither succeeded nor cancelled: run it. */
        RUN,
        ALREADY_SUCCEEDED,
        CANCELLED
    }
}
