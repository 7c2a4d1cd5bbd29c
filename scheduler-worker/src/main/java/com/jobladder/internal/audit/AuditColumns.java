package com.jobladder.internal.audit;

import com.jobladder.api.JobLimits;
import java.time.Instant;

/**
 * What the audit columns hold, from the schema in {@code sql/}: the widths of the text columns
 * and the timestamps both H2 and PostgreSQL accept. Values are validated against these where
 * they enter (configuration, envelope decoding) and cut to them when a refused row is cleaned.
 */
public final class AuditColumns {
    /** job_attempt.job_id and every other job id column: VARCHAR(200). */
    public static final int JOB_ID = JobLimits.MAX_JOB_ID_LENGTH;
    /** job_attempt.job_type: VARCHAR(64). */
    public static final int JOB_TYPE = JobLimits.MAX_TYPE_LENGTH;
    /** job_attempt.schedule_name and the cron tables' schedule_name: VARCHAR(200). */
    public static final int SCHEDULE_NAME = JobLimits.MAX_SCHEDULE_NAME_LENGTH;
    /** job_attempt.worker_id and the other worker_id columns: VARCHAR(200). */
    public static final int WORKER_ID = JobLimits.MAX_WORKER_ID_LENGTH;
    /** job_attempt.error: VARCHAR(4000). */
    public static final int ERROR = 4000;
    /**
     * The timestamps a cleaned row is clamped to. PostgreSQL's timestamptz spans 4713 BC to
     * 294276 AD and H2's far more; JobLadder keeps to the due times the envelope carries.
     */
    public static final Instant EARLIEST = JobLimits.EARLIEST_DUE_AT;

    public static final Instant LATEST = JobLimits.LATEST_DUE_AT;

    private AuditColumns() {}
}
