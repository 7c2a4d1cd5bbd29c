package com.jobladder.internal.jdbc;

import com.jobladder.api.JobladderException;

/**
 * The database refused the values it was given (a data, constraint or syntax error: SQLSTATE
 * class 22, 23 or 42): nothing was written, and the same values would be refused again. From a
 * batch of attempts it means the batch holds at least one such row; the worker's batcher then
 * finds it and records the others. The transient counterpart is {@link AuditUnavailableException}.
 */
public class AuditRefusedException extends JobladderException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public AuditRefusedException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The SQLSTATE the database gave. */
    public String sqlState() {
        return sqlState;
    }

    /**
     * Class 42 (syntax, undefined table, no privilege): values bound as parameters cannot cause
     * it, so it is about the schema or the database role, never one row.
     */
    public boolean statementRefused() {
        return sqlState != null && sqlState.startsWith("42");
    }
}
