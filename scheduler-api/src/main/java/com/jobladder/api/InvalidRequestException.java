package com.jobladder.api;

/**
 * An argument given to the API is invalid: a job type, job id, content type, delay or payload
 * outside what the scheduler accepts. The message says what was wrong and what is expected.
 */
public class InvalidRequestException extends JobladderException {
    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws naming {@code what} when {@code value} is null; returns it otherwise. */
    public static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new InvalidRequestException(what + " is null: expected a value");
        }
        return value;
    }
}
