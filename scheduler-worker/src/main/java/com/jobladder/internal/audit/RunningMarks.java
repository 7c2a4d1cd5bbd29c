package com.jobladder.internal.audit;

import static com.jobladder.internal.jdbc.AuditDatabase.insertUnlessTaken;
import static com.jobladder.internal.jdbc.AuditDatabase.timestamp;

import com.jobladder.internal.jdbc.AuditDatabase;
import java.sql.PreparedStatement;
import java.time.Instant;

/** The mark a job carries while a handler is busy with it, so that its status says RUNNING. */
final class RunningMarks {
    private final AuditDatabase database;

    RunningMarks(AuditDatabase database) {
        this.database = database;
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
