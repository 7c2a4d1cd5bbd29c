package com.jobladder.internal.audit;

import com.jobladder.api.JobAttempt;
import com.jobladder.internal.jdbc.AttemptRows;
import com.jobladder.internal.jdbc.AuditDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Reads what the audit log says of schedules and in total, for pages, the command line and summaries. */
final class ScheduleHistory {
    private final AuditDatabase database;

    ScheduleHistory(AuditDatabase database) {
        this.database = database;
    }

    List<JobAttempt> lastAttemptsOfSchedule(String scheduleName, int limit) {
        return database.withConnection("read the last fires of schedule " + scheduleName, connection -> {
            List<JobAttempt> attempts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(AuditQueries.LAST_ATTEMPTS_OF_SCHEDULE)) {
                select.setString(1, scheduleName);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        attempts.add(AttemptRows.attempt(rows));
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
}
