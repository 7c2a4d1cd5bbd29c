package com.jobladder.internal.jdbc;

import com.jobladder.api.JobladderException;

/** The audit database could not answer or commit; nothing was written. */
public class AuditUnavailableException extends JobladderException {
    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
