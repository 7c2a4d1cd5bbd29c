package com.jobladder.internal.audit;

import com.jobladder.internal.jdbc.AttemptRows;
import java.util.List;

/**
 * The SQL of the audit store that reads or trims large tables, in one place so that the query
 * plans shown in docs/audit-store.md (printed by {@code AuditQueryPlansTest}) are of the
 * statements that run. Portable between H2 2.x and PostgreSQL.
 */
public final class AuditQueries {
    static final String INSERT_ATTEMPT = "INSERT INTO job_attempt (job_id, attempt, job_type, schedule_name,"
            + " due_at, started_at, finished_at, outcome, worker_id, error, lateness_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The schedules view: a schedule's last fires. Parameters: schedule name, limit. */
    public static final String LAST_ATTEMPTS_OF_SCHEDULE =
            AttemptRows.SELECT_COLUMNS + " WHERE schedule_name = ? ORDER BY finished_at DESC LIMIT ?";

    /** The tables retention trims, in the order it trims them. */
    public static final List<Expiring> EXPIRING = List.of(
            // A tombstone ages from when its job arrived and was skipped; never before (V4).
            new Expiring("job_cancel", "seen_at"),
            new Expiring("job_success", "succeeded_at"),
            // Marks of workers that died mid-job; a live one is deleted when its attempt ends.
            new Expiring("job_running", "started_at"),
            new Expiring("job_attempt", "finished_at"));

    /** Records that a cancelled job arrived and was skipped: its tombstone may age from now. */
    static final String CANCEL_SEEN = "UPDATE job_cancel SET seen_at = ? WHERE job_id = ? AND seen_at IS NULL";

    private AuditQueries() {}

    /** A table retention trims by an indexed timestamp {@code column}; NULL never expires. */
    public record Expiring(String table, String column) {
        /** The timestamp of the n-th oldest expired row. Parameters: cutoff, n - 1. */
        public String chunkBound() {
            return "SELECT " + column + " FROM " + table + " WHERE " + column + " < ?" + " ORDER BY " + column
                    + " LIMIT 1 OFFSET ?";
        }

        /** Parameter: the bound from {@link #chunkBound()}, which is before the cutoff. */
        public String deleteUpToBound() {
            return "DELETE FROM " + table + " WHERE " + column + " <= ?";
        }

        /** Fewer than a chunk is left: all of it. Parameter: cutoff. */
        public String deleteBeforeCutoff() {
            return "DELETE FROM " + table + " WHERE " + column + " < ?";
        }
    }
}
