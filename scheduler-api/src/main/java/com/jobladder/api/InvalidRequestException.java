package com.jobladder.api;

/**
 * An argument given to the API is invalid: a job type, job id, content type, delay or payload
 * outside what the scheduler accepts. The message says what was wrong and what is expected.
 */
public class InvalidRequestException extends JobladderException {
    private static final long serialVersionUID = 1L;

    /**
     * An invalid argument without an underlying cause.
     *
     * @param message what was wrong and what is expected
     */
    public InvalidRequestException(String message) {
        super(message);
    }

    /**
     * An invalid argument found through another exception, such as a codec's.
     *
     * @param message what was wrong and what is expected
     * @param cause   the exception that found it
     */
    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Checks an argument that must be given.
     *
     * @param value the argument
     * @param what  how to name it in the message, for example {@code "payload"}
     * @param <T>   the argument's type
     * @return {@code value}, when it is not null
     * @throws InvalidRequestException saying that {@code what} is null
     */
    public static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new InvalidRequestException(what + " is null: expected a value");
        }
        return value;
    }
}
