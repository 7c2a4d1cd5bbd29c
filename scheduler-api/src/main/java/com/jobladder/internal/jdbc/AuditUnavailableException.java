package com.jobladder.internal.jdbc;

import com.jobladder.api.JobladderException;

/** The audit database could not answer or commit; nothing was written. */
public class AuditUnavailableException extends JobladderException {
    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
