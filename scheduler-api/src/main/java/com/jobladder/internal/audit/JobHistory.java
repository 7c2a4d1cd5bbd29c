package com.jobladder.internal.audit;

import static com.jobladder.internal.audit.AuditDatabase.exists;
import static com.jobladder.internal.audit.AuditDatabase.instant;

import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads what happened to jobs: a job's status and attempts, a schedule's last fires, totals. */
final class JobHistory {
    private final AuditDatabase database;

    JobHistory(AuditDatabase database) {
        this.database = database;
    }

    JobStatus status(String jobId) {
        return database.withConnection("read the status of job " + jobId, c -> status(c, jobId));
    }

    /** On a connection of the caller's, for a cancel that decides by the status. */
    static JobStatus status(Connection connection, String jobId) throws SQLException {
        List<JobAttempt> attempts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(AuditQueries.ATTEMPTS_OF_JOB)) {
            select.setString(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(attempt(rows));
                }
            }
        }
        boolean succeeded = exists(connection, "SELECT 1 FROM job_success WHERE job_id = ?", jobId);
        boolean cancelled = exists(connection, "SELECT 1 FROM job_cancel WHERE job_id = ?", jobId);
        boolean running = exists(connection, "SELECT 1 FROM job_running WHERE job_id = ?", jobId);
        return new JobStatus(jobId, JobStates.derive(attempts, succeeded, cancelled, running), attempts);
    }

    List<JobAttempt> lastAttemptsOfSchedule(String scheduleName, int limit) {
        return database.withConnection("read the last fires of schedule " + scheduleName, connection -> {
            List<JobAttempt> attempts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(AuditQueries.LAST_ATTEMPTS_OF_SCHEDULE)) {
                select.setString(1, scheduleName);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        attempts.add(attempt(rows));
                    }
                }
            }
            return attempts;
        });
    }

    long attemptCount() {
        return count("SELECT COUNT(*) FROM job_attempt");
    }

    long successCount() {
        return count("SELECT COUNT(*) FROM job_success");
    }

    private long count(String sql) {
        return database.withConnection("count rows", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql);
                 ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private static JobAttempt attempt(ResultSet row) throws SQLException {
        return new JobAttempt(row.getString(1), row.getInt(2), row.getString(3), row.getString(4), instant(row, 5),
                instant(row, 6), instant(row, 7), Outcome.valueOf(row.getString(8)), row.getString(9),
                row.getString(10), Duration.ofMillis(row.getLong(11)));
    }
}
