package com.jobladder.internal.jdbc;

import static com.jobladder.internal.jdbc.AuditDatabase.instant;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** Reads {@code job_attempt} rows: the columns every query of attempts selects, and the row they make. */
public final class AttemptRows {
    /** Every column of {@code job_attempt} that makes a {@link JobAttempt}, in {@link #attempt}'s order. */
    public static final String SELECT_COLUMNS = "SELECT job_id, attempt, job_type, schedule_name, due_at,"
            + " started_at, finished_at, outcome, worker_id, error, lateness_ms FROM job_attempt";

    private AttemptRows() {}

    /** The attempt on the current row of a query that selected {@link #SELECT_COLUMNS}. */
    public static JobAttempt attempt(ResultSet row) throws SQLException {
        return new JobAttempt(
                row.getString(1),
                row.getInt(2),
                row.getString(3),
                row.getString(4),
                instant(row, 5),
                instant(row, 6),
                instant(row, 7),
                Outcome.valueOf(row.getString(8)),
                row.getString(9),
                row.getString(10),
                Duration.ofMillis(row.getLong(11)));
    }
}
