package com.jobladder.internal.audit;

import com.jobladder.api.JobladderException;

/**
 * The audit row of one attempt cannot be recorded, not even cleaned (text escaped and cut to
 * its columns, timestamps clamped): {@link AuditBatcher#record} completes that attempt's future
 * with this, and only that one. It is permanent: retrying the attempt cannot record it. A
 * worker that sees it should send the job to the dead-job queue with {@link #reason()} rather
 * than hand it back to the broker, where it would fail the same way again.
 */
public class AuditRowRejectedException extends JobladderException {
    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final String reason;

    public AuditRowRejectedException(String jobId, String reason, Throwable cause) {
        super("the audit row of job " + jobId + " was refused by the database, even cleaned: " + reason, cause);
        this.jobId = jobId;
        this.reason = reason;
    }

    public String jobId() {
        return jobId;
    }

    /** Why the database refused it, fit for a dead reason header (escaped, capped). */
    public String reason() {
        return reason;
    }
}
