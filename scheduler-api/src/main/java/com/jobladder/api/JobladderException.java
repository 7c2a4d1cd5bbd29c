package com.jobladder.api;

/** The one unchecked root of every error this scheduler throws. */
public class JobladderException extends RuntimeException {
    public JobladderException(String message) {
        super(message);
    }

    public JobladderException(String message, Throwable cause) {
        super(message, cause);
    }
}
