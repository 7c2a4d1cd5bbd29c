package com.jobladder.internal.audit;

import com.jobladder.api.CancelResult;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log and the small amount of job state that lives beside it: success markers that
 * make execution effectively-once, cancel tombstones, and cron cursors. Implementations are
 * thread-safe. Every method throws {@link AuditUnavailableException} when the database cannot
 * answer or commit (transient: try again later), and {@link AuditRefusedException} when it
 * refuses the values given (permanent: the same values are refused again).
 */
public interface AuditStore extends AutoCloseable {

    /**
     * Commits the attempts in one transaction. A SUCCEEDED attempt whose job id already has a
     * success (committed earlier, or earlier in the same batch) is stored as DUPLICATE instead;
     * the result lists the outcome stored for each attempt, in order. Throws
     * {@link AuditRefusedException} when the database refuses any of the rows, and any other
     * runtime exception when an attempt cannot be turned into a row; nothing is written then.
     */
    List<JobAttempt.Outcome> record(List<JobAttempt> attempts);

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

    /** Writes a tombstone unless the job already finished; see {@link CancelResult}. */
    CancelResult cancel(String jobId, Instant at);

    /** The job's state and every attempt, oldest first; PENDING when nothing is recorded. */
    JobStatus status(String jobId);

    /** The last {@code limit} attempts of jobs fired by a cron schedule, newest first. */
    List<JobAttempt> lastAttemptsOfSchedule(String scheduleName, int limit);

    /**
     * Takes the run lock of a schedule for {@code jobId} until {@code expiresAt} (overlap =
     * forbid). An expired lock is taken over. Returns false while another job holds it.
     */
    boolean tryLockSchedule(String scheduleName, String jobId, String workerId, Instant now, Instant expiresAt);

    /** Releases the run lock if {@code jobId} holds it. */
    void unlockSchedule(String scheduleName, String jobId);

    /** The last fire time the cron leader published for a schedule. */
    Optional<Instant> cronCursor(String scheduleName);

    void saveCronCursor(String scheduleName, Instant lastFireAt);

    /**
     * Deletes up to about {@code chunkSize} rows older than {@code cutoff} from one table, in one
     * short transaction, and returns how many; 0 once nothing older is left anywhere. A cancel
     * tombstone goes only after its job arrived and was skipped, however old it is.
     */
    int deleteExpiredChunk(Instant cutoff, int chunkSize);

    /** Attempts recorded in all, for summaries. */
    long attemptCount();

    /** Distinct jobs that have succeeded, for summaries. */
    long successCount();

    @Override
    void close();

    enum Precheck {
        /** Neither succeeded nor cancelled: run it. */
        RUN,
        ALREADY_SUCCEEDED,
        CANCELLED
    }
}
