package com.jobladder.internal.audit;

import java.time.Instant;

/**
 * What the audit columns hold, from the schema in {@code sql/}: the widths of the text columns
 * and the timestamps both H2 and PostgreSQL accept. Values are validated against these where
 * they enter (configuration, envelope decoding) and cut to them when a refused row is cleaned.
 */
public final class AuditColumns {
    /** job_attempt.job_id and every other job id column: VARCHAR(200). */
    public static final int JOB_ID = 200;
    /** job_attempt.job_type: VARCHAR(64). */
    public static final int JOB_TYPE = 64;
    /** job_attempt.schedule_name and the cron tables' schedule_name: VARCHAR(200). */
    public static final int SCHEDULE_NAME = 200;
    /** job_attempt.worker_id and the other worker_id columns: VARCHAR(200). */
    public static final int WORKER_ID = 200;
    /** job_attempt.error: VARCHAR(4000). */
    public static final int ERROR = 4000;
    /**
     * The timestamps a cleaned row is clamped to. PostgreSQL's timestamptz spans 4713 BC to
     * 294276 AD and H2's far more; JobLadder keeps to years 1970-9999, as the envelope does.
     */
    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private AuditColumns() {
    }
}
