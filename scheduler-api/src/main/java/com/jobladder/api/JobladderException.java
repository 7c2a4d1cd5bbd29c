package com.jobladder.api;

/**
 * The one unchecked root of every error this scheduler throws: catching it catches them all. The
 * message says what was wrong and, where there is one, what fixes it.
 */
public class JobladderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error without an underlying cause.
     *
     * @param message what was wrong
     */
    public JobladderException(String message) {
        super(message);
    }

    /**
     * An error caused by another exception, such as the broker client's or the JDBC driver's.
     *
     * @param message what was wrong
     * @param cause   the exception underneath
     */
    public JobladderException(String message, Throwable cause) {
        super(message, cause);
    }
}
