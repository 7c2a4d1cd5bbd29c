package com.jobladder.internal.audit;

import static com.jobladder.internal.audit.AuditDatabase.insertUnlessTaken;
import static com.jobladder.internal.audit.AuditDatabase.timestamp;

import com.jobladder.api.CancelResult;
import java.sql.PreparedStatement;
import java.time.Instant;

/** The marks a job carries beside its attempts: a cancel tombstone, and "running" while a handler is busy. */
final class JobMarks {
    private final AuditDatabase database;

    JobMarks(AuditDatabase database) {
        this.database = database;
    }

    CancelResult cancel(String jobId, Instant at) {
        return database.withConnection("cancel job " + jobId, connection -> {
            switch (JobHistory.status(connection, jobId).state()) {
                case SUCCEEDED, DEAD -> {
                    return CancelResult.ALREADY_FINISHED;
                }
                default -> {
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO job_cancel (job_id, cancelled_at) VALUES (?, ?)")) {
                insert.setString(1, jobId);
                insert.setObject(2, timestamp(at));
                return insertUnlessTaken(insert) ? CancelResult.CANCELLED : CancelResult.ALREADY_CANCELLED;
            }
        });
    }

    void markRunning(String jobId, int attempt, String workerId, Instant startedAt) {
        database.useConnection("mark job " + jobId + " as running", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO job_running (job_id, attempt, worker_id, started_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, jobId);
                insert.setInt(2, attempt);
                insert.setString(3, workerId);
                insert.setObject(4, timestamp(startedAt));
                if (insertUnlessTaken(insert)) {
                    return;
                }
            }
            // A mark left by a worker that died while running this job: this run replaces it.
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE job_running SET attempt = ?, worker_id = ?, started_at = ? WHERE job_id = ?")) {
                update.setInt(1, attempt);
                update.setString(2, workerId);
                update.setObject(3, timestamp(startedAt));
                update.setString(4, jobId);
                update.executeUpdate();
            }
        });
    }

    void clearRunning(String jobId) {
        database.useConnection("clear the running mark of job " + jobId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM job_running WHERE job_id = ?")) {
                delete.setString(1, jobId);
                delete.executeUpdate();
            }
        });
    }
}
