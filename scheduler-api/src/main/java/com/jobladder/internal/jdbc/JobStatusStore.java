package com.jobladder.internal.jdbc;

import com.jobladder.api.CancelResult;
import com.jobladder.api.JobStatus;
import java.time.Instant;

/**
 * What a client asks of the workers' audit store: a job's status, and a cancel tombstone.
 * Implementations are thread-safe; every method throws {@link AuditUnavailableException} when the
 * database cannot answer (transient) and {@link AuditRefusedException} when it refuses the values
 * (permanent).
 */
public interface JobStatusStore extends AutoCloseable {

    /** The job's state and every attempt, oldest first; PENDING when nothing is recorded. */
    JobStatus status(String jobId);

    /** Writes a tombstone unless the job already finished; see {@link CancelResult}. */
    CancelResult cancel(String jobId, Instant at);

    @Override
    void close();
}
