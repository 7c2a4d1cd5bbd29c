package com.jobladder.internal.audit;

import com.jobladder.api.CancelResult;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobStatus;
import com.jobladder.internal.jdbc.AuditDatabase;
import com.jobladder.internal.jdbc.JdbcJobStatusStore;
import com.jobladder.internal.jdbc.JobStatusStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit store over JDBC; the same SQL runs on H2 and PostgreSQL. Each concept keeps its SQL
 * in a class of its own; all of them reach the database through one {@link AuditDatabase}.
 */
final class JdbcAuditStore implements AuditStore {
    private final AuditDatabase database;
    private final JobStatusStore statuses;
    private final AttemptRecorder recorder;
    private final ScheduleHistory history;
    private final Prechecks prechecks;
    private final RunningMarks marks;
    private final ScheduleLocks scheduleLocks;
    private final CronCursors cronCursors;
    private final ExpiredRows expiredRows;
    private final DatabaseClockReads clock;
    private final WorkerClocks workerClocks;

    JdbcAuditStore(AuditDatabase database) {
        this.database = database;
        this.statuses = new JdbcJobStatusStore(database);
        this.recorder = new AttemptRecorder(database);
        this.history = new ScheduleHistory(database);
        this.prechecks = new Prechecks(database);
        this.marks = new RunningMarks(database);
        this.scheduleLocks = new ScheduleLocks(database);
        this.cronCursors = new CronCursors(database);
        this.expiredRows = new ExpiredRows(database);
        this.clock = new DatabaseClockReads(database);
        this.workerClocks = new WorkerClocks(database);
    }

    @Override
    public List<Outcome> record(List<JobAttempt> attempts) {
        return recorder.record(attempts);
    }

    @Override
    public Precheck precheck(String jobId) {
        return prechecks.precheck(jobId);
    }

    @Override
    public Map<String, Precheck> precheckAll(Collection<String> jobIds) {
        return prechecks.precheckAll(jobIds);
    }

    @Override
    public void markRunning(String jobId, int attempt, String workerId, Instant startedAt) {
        marks.markRunning(jobId, attempt, workerId, startedAt);
    }

    @Override
    public void clearRunning(String jobId) {
        marks.clearRunning(jobId);
    }

    @Override
    public CancelResult cancel(String jobId, Instant at) {
        return statuses.cancel(jobId, at);
    }

    @Override
    public JobStatus status(String jobId) {
        return statuses.status(jobId);
    }

    @Override
    public List<JobAttempt> lastAttemptsOfSchedule(String scheduleName, int limit) {
        return history.lastAttemptsOfSchedule(scheduleName, limit);
    }

    @Override
    public boolean tryLockSchedule(String scheduleName, String jobId, String workerId, Instant now, Instant expiresAt) {
        return scheduleLocks.tryLock(scheduleName, jobId, workerId, now, expiresAt);
    }

    @Override
    public void unlockSchedule(String scheduleName, String jobId) {
        scheduleLocks.unlock(scheduleName, jobId);
    }

    @Override
    public Optional<Instant> cronCursor(String scheduleName) {
        return cronCursors.cursor(scheduleName);
    }

    @Override
    public void saveCronCursor(String scheduleName, Instant lastFireAt) {
        cronCursors.save(scheduleName, lastFireAt);
    }

    @Override
    public int deleteExpiredChunk(Instant cutoff, int chunkSize) {
        return expiredRows.deleteChunk(cutoff, chunkSize);
    }

    @Override
    public long attemptCount() {
        return history.attemptCount();
    }

    @Override
    public long successCount() {
        return history.successCount();
    }

    @Override
    public boolean sharedClock() {
        return clock.sharedClock();
    }

    @Override
    public List<ClockRead> readClock(Clock local, int rounds) {
        return clock.readClock(local, rounds);
    }

    @Override
    public void saveWorkerClock(WorkerClock row) {
        workerClocks.save(row);
    }

    @Override
    public void deleteWorkerClock(String workerId) {
        workerClocks.delete(workerId);
    }

    @Override
    public List<WorkerClock> workerClocks() {
        return workerClocks.all();
    }

    @Override
    public void close() {
        database.close();
    }
}
