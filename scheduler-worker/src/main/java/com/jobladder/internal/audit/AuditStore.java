package com.jobladder.internal.audit;

import com.jobladder.internal.jdbc.JobStatusStore;

/**
 * The audit log and the small amount of job state that lives beside it, as a worker opens it:
 * every role its callers use, each of which takes only its own. Implementations are thread-safe.
 * Every method throws {@link com.jobladder.internal.jdbc.AuditUnavailableException} when the
 * database cannot answer or commit (transient: try again later), and
 * {@link com.jobladder.internal.jdbc.AuditRefusedException} when it refuses the values given
 * (permanent: the same values are refused again).
 */
public interface AuditStore
        extends JobStatusStore,
                AttemptStore,
                ExecutionStore,
                CronCursorStore,
                AuditHistory,
                RetentionStore,
                DatabaseClock {}
