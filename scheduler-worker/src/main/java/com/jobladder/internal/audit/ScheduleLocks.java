package com.jobladder.internal.audit;

import static com.jobladder.internal.jdbc.AuditDatabase.insertUnlessTaken;
import static com.jobladder.internal.jdbc.AuditDatabase.timestamp;

import com.jobladder.internal.jdbc.AuditDatabase;
import java.sql.PreparedStatement;
import java.time.Instant;

/** A schedule's run lock, for overlap = forbid: one fire of a schedule runs at a time. */
final class ScheduleLocks {
    private final AuditDatabase database;

    ScheduleLocks(AuditDatabase database) {
        this.database = database;
    }

    boolean tryLock(String scheduleName, String jobId, String workerId, Instant now, Instant expiresAt) {
        return database.withConnection("lock schedule " + scheduleName, connection -> {
            try (PreparedStatement expired = connection.prepareStatement(
                    "DELETE FROM schedule_run_lock WHERE schedule_name = ? AND expires_at < ?")) {
                expired.setString(1, scheduleName);
                expired.setObject(2, timestamp(now));
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schedule_run_lock (schedule_name, job_id, worker_id, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, scheduleName);
                insert.setString(2, jobId);
                insert.setString(3, workerId);
                insert.setObject(4, timestamp(expiresAt));
                return insertUnlessTaken(insert);
            }
        });
    }

    void unlock(String scheduleName, String jobId) {
        database.useConnection("unlock schedule " + scheduleName, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM schedule_run_lock WHERE schedule_name = ? AND job_id = ?")) {
                delete.setString(1, scheduleName);
                delete.setString(2, jobId);
                delete.executeUpdate();
            }
        });
    }
}
