package com.jobladder.internal.jdbc;

import static com.jobladder.internal.jdbc.AuditDatabase.exists;
import static com.jobladder.internal.jdbc.AuditDatabase.insertUnlessTaken;
import static com.jobladder.internal.jdbc.AuditDatabase.timestamp;

import com.jobladder.api.CancelResult;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A job's status and its cancel tombstone, over the audit database; the same SQL on H2 and PostgreSQL. */
public final class JdbcJobStatusStore implements JobStatusStore {
    /** status(jobId): a job's attempts, oldest first. Parameter: job id. */
    public static final String ATTEMPTS_OF_JOB = AttemptRows.SELECT_COLUMNS + " WHERE job_id = ? ORDER BY id";

    private final AuditDatabase database;

    public JdbcJobStatusStore(AuditDatabase database) {
        this.database = database;
    }

    @Override
    public JobStatus status(String jobId) {
        return database.withConnection("read the status of job " + jobId, c -> status(c, jobId));
    }

    @Override
    public CancelResult cancel(String jobId, Instant at) {
        return database.withConnection("cancel job " + jobId, connection -> {
            switch (status(connection, jobId).state()) {
                case SUCCEEDED, DEAD -> {
                    return CancelResult.ALREADY_FINISHED;
                }
                default -> {}
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO job_cancel (job_id, cancelled_at) VALUES (?, ?)")) {
                insert.setString(1, jobId);
                insert.setObject(2, timestamp(at));
                return insertUnlessTaken(insert) ? CancelResult.CANCELLED : CancelResult.ALREADY_CANCELLED;
            }
        });
    }

    /** On one connection, so that a cancel decides by the status it read. */
    private static JobStatus status(Connection connection, String jobId) throws SQLException {
        List<JobAttempt> attempts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(ATTEMPTS_OF_JOB)) {
            select.setString(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(AttemptRows.attempt(rows));
                }
            }
        }
        boolean succeeded = exists(connection, "SELECT 1 FROM job_success WHERE job_id = ?", jobId);
        boolean cancelled = exists(connection, "SELECT 1 FROM job_cancel WHERE job_id = ?", jobId);
        boolean running = exists(connection, "SELECT 1 FROM job_running WHERE job_id = ?", jobId);
        return new JobStatus(jobId, JobStates.derive(attempts, succeeded, cancelled, running), attempts);
    }

    @Override
    public void close() {
        database.close();
    }
}
